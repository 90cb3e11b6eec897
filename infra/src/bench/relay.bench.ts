import amqp from 'amqplib';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { Relay } from '../relay/relay.js';
import { createLogger } from '../system/logger.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent } from '../testing/fixtures.js';
import { fmt, lanes, rate, ratio, timed, type Row } from './measure.js';

const COUNT = 20_000;
const PAYLOAD = { text: 'x'.repeat(380), n: 1 };

/** The relay's throughput to RabbitMQ next to raw amqplib confirm-publishing of the same messages. */
export const benchRelay = async (dir: string, amqpUrl: string): Promise<Row[]> => {
  const prefix = `bench${randomUUID().slice(0, 6)}`;
  const log = createLogger('silent');
  const db = openDatabase(join(dir, 'relay-events.db'), 'full');
  const store = new SqliteEventStore(db, systemClock);
  await lanes(32, COUNT / 10, (i) =>
    store.append(
      `relay-${i}`,
      Array.from({ length: 10 }, () => newEvent('bench.Happened', PAYLOAD)),
      'no-stream',
    ),
  );
  const events = await store.readAll({ maxCount: COUNT });

  // The floor: amqplib alone, same exchange and queue kind, confirms awaited per 500 like the relay.
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  const rawExchange = `${prefix}.raw`;
  await channel.assertExchange(rawExchange, 'topic', { durable: true });
  await channel.assertQueue(`${prefix}.raw.q`, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(`${prefix}.raw.q`, rawExchange, '#');
  const rawMs = await timed(async () => {
    for (let i = 0; i < events.length; i += 500) {
      for (const e of events.slice(i, i + 500)) {
        channel.publish(rawExchange, e.type, Buffer.from(JSON.stringify(e)), { persistent: true, messageId: e.id });
      }
      await channel.waitForConfirms();
    }
  });
  await channel.deleteQueue(`${prefix}.raw.q`);
  await channel.deleteExchange(rawExchange);
  await connection.close();

  const bus = await RabbitMqBus.connect(amqpUrl, log, { prefix });
  await bus.consume('bench-sink', async () => {}); // a bound queue, as in production
  await bus.close(); // consumer gone; the queue keeps what the relay publishes
  const publisher = await RabbitMqBus.connect(amqpUrl, log, { prefix, coalesceWrites: true }); // as the relay process's
  const relay = new Relay(store, publisher, new SqliteCheckpointStore(db), log);
  const relayMs = await timed(() => relay.start()); // resolves once caught up with the log
  await relay.stop();
  await publisher.deleteAll(['bench-sink']);
  await publisher.close();
  await store.close();
  return [
    {
      what: 'relay to RabbitMQ (checkpointed, confirms), 20k events',
      ours: fmt(rate(COUNT, relayMs), 'ev/s'),
      floor: fmt(rate(COUNT, rawMs), 'msg/s raw amqplib confirms'),
      ratio: ratio(rate(COUNT, relayMs), rate(COUNT, rawMs)),
    },
  ];
};
