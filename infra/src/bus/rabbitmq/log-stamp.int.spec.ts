import { expect } from 'chai';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { Relay } from '../../relay/relay.js';
import { createLogger } from '../../system/logger.js';
import { systemClock } from '../../system/system-clock.js';
import { eventually, newEvent, tempDir, uniqueStream } from '../../testing/fixtures.js';
import { storedEvent } from '../../testing/message-bus.contract.js';
import { requiredEnv } from '../../testing/servers.js';
import { encodeEvent } from './message-codec.js';
import { RabbitMqBus } from './rabbitmq-bus.js';

describe('Messages on RabbitMQ and the event log they are of', function () {
  this.timeout(30_000);
  const log = createLogger('silent');
  const prefix = `log${randomUUID().slice(0, 8)}`;
  const groups: string[] = [];
  const buses: RabbitMqBus[] = [];
  let raw: ChannelModel;
  let channel: Channel;

  const connect = async (logId: () => Promise<string | undefined>) => {
    const bus = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), log, { prefix, logId, retryDelayMs: 5 });
    buses.push(bus);
    return bus;
  };
  /** Published by hand, as another platform's relay (or one from before log ids) would have. */
  const publishAs = async (logId: string | undefined, type = 'test.Noted') => {
    const event = storedEvent(type);
    const { content, options } = encodeEvent(event, logId);
    channel.publish(`${prefix}.events`, event.type, content, options);
    return event.id;
  };

  before(async () => {
    raw = await amqp.connect(requiredEnv('HCMS_TEST_AMQP_URL'));
    channel = await raw.createChannel();
  });
  after(async () => {
    await buses[0]?.deleteAll(groups);
    for (const bus of buses) await bus.close();
    await raw.close();
  });

  it('drops and counts a message of another log, and takes its own log’s and unstamped ones, in order', async () => {
    const bus = await connect(async () => 'log-a');
    const group = `policy.logs-${randomUUID().slice(0, 6)}`;
    groups.push(group);
    const seen: string[] = [];
    await bus.consume(group, async (e) => void seen.push(e.id), { topics: ['test.*'] });

    await publishAs('log-b');
    const own = await publishAs('log-a');
    const older = await publishAs(undefined);
    await eventually(() => seen.length === 2, 'the messages of this log');
    expect(seen).to.deep.equal([own, older]);
    expect(bus.foreignMessages()).to.deep.equal({ total: 1, byGroup: { [group]: 1 } });
  });

  it('hears announcements of its own log only', async () => {
    const other = await connect(async () => 'log-b');
    const own = await connect(async () => 'log-a');
    const listener = await connect(async () => 'log-a');
    const subject = `progress-${randomUUID().slice(0, 6)}`;
    const heard: unknown[] = [];
    await listener.listen(subject, (body) => void heard.push(body));

    await other.announce(subject, { from: 'b' });
    await own.announce(subject, { from: 'a' });
    await eventually(() => heard.length === 1, 'the announcement of this log');
    await eventually(() => listener.foreignMessages().total === 1, 'the other log’s to be dropped');
    expect(heard).to.deep.equal([{ from: 'a' }]);
  });

  it('while its log is empty takes no stamped message, and takes its log’s once the log has its id', async () => {
    const ours: { id?: string } = {};
    const bus = await connect(async () => ours.id);
    const group = `policy.empty-${randomUUID().slice(0, 6)}`;
    groups.push(group);
    const seen: string[] = [];
    await bus.consume(group, async (e) => void seen.push(e.id), { topics: ['test.*'] });

    await publishAs('log-a');
    await eventually(() => bus.foreignMessages().total === 1, 'the message to be dropped');
    ours.id = 'log-a';
    const own = await publishAs('log-a');
    await eventually(() => seen.length === 1, 'the message of this log');
    expect(seen).to.deep.equal([own]);
    expect(bus.foreignMessages().byGroup).to.deep.equal({ [group]: 1 });
  });

  it('carries the log id of the store the relay publishes', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'events.db'), 'full');
    const store = new SqliteEventStore(db, systemClock, 10);
    const bus = await connect(() => store.logId());
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, `${prefix}.events`, 'relayed.*');
    const relay = new Relay(store, bus, new SqliteCheckpointStore(db), log);
    try {
      await relay.start();
      const { position } = await store.append(uniqueStream(), [newEvent('relayed.Happened'), newEvent('relayed.Happened')], 'no-stream');
      await eventually(() => relay.status.position === position, 'the relay to publish');
      const headers: unknown[] = [];
      for (let message = await channel.get(queue); message; message = await channel.get(queue)) {
        headers.push((message.properties.headers as Record<string, unknown>)['x-hcms-log']);
      }
      const logId = await store.logId();
      expect(logId).to.be.a('string');
      expect(headers).to.deep.equal([logId, logId]);
    } finally {
      await relay.stop();
      await store.close();
      dir.remove();
    }
  });
});
