import { expect } from 'chai';
import amqp, { type Channel, type ChannelModel, type Message } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../system/logger.js';
import { eventually } from '../../testing/fixtures.js';
import { storedEvent } from '../../testing/message-bus.contract.js';
import { requiredEnv } from '../../testing/servers.js';
import { LogFilter } from '../log-filter.js';
import { GroupConsumer, type DeadLetterSink } from './group-consumer.js';
import { encodeEvent } from './message-codec.js';

const log = createLogger('silent');

describe('A consumer group’s acks on RabbitMQ', function () {
  this.timeout(30_000);
  let connection: ChannelModel;
  let setup: Channel;
  let queue: string;

  beforeEach(async () => {
    connection = await amqp.connect(requiredEnv('HCMS_TEST_AMQP_URL'));
    setup = await connection.createChannel();
    queue = `acks-${randomUUID().slice(0, 8)}`;
    await setup.assertQueue(queue, { durable: false, autoDelete: false });
  });
  afterEach(async () => {
    await setup.deleteQueue(queue);
    await connection.close();
  });

  /** `count` messages waiting in the queue; their event ids in order. */
  const fill = (count: number, type = 'test.Noted') =>
    Array.from({ length: count }, () => {
      const event = storedEvent(type);
      const { content, options } = encodeEvent(event);
      setup.sendToQueue(queue, content, options);
      return event.id;
    });

  /** A consumer on a channel of its own, whose acks are noted on their way to the broker. */
  const consumer = async (handler: (id: string) => Promise<void>, deadLetter: DeadLetterSink) => {
    const channel = await connection.createChannel();
    const acks: { allUpTo: boolean }[] = [];
    const ack = channel.ack.bind(channel);
    channel.ack = (message: Message, allUpTo?: boolean) => (acks.push({ allUpTo: allUpTo === true }), ack(message, allUpTo));
    const group = new GroupConsumer(
      { group: 'acks', queue, handler: async (e) => handler(e.id), maxAttempts: 2, retryDelayMs: 1 },
      channel,
      deadLetter,
      new LogFilter(undefined, log),
      log,
    );
    await group.start(64);
    return { acks, channel, stop: () => group.stop() };
  };

  const waiting = async () => (await setup.checkQueue(queue)).messageCount;

  it('acks many handled messages at once, and none is delivered again', async () => {
    const ids = fill(200);
    const seen: string[] = [];
    const { acks, channel, stop } = await consumer(
      async (id) => void seen.push(id),
      async () => {},
    );
    await eventually(() => seen.length === 200, 'every message');
    await stop();
    await channel.close(); // anything not acked would be back in the queue now
    expect(seen).to.deep.equal(ids);
    expect(await waiting()).to.equal(0);
    expect(acks.length).to.be.below(ids.length / 4);
    expect(acks.every((a) => a.allUpTo)).to.equal(true);
  });

  it('never acks past a message it could not dead-letter: that one alone is delivered again', async () => {
    const [before, poison, ...after] = fill(1).concat(fill(1, 'test.Poison'), fill(30));
    const seen: string[] = [];
    const { acks, channel, stop } = await consumer(
      async (id) => {
        if (id === poison) throw new Error('cannot handle this one');
        seen.push(id);
      },
      async () => Promise.reject(new Error('dead-letter queue unreachable')),
    );
    await eventually(() => seen.length === 31, 'the messages around the one left unacked');
    await stop();
    await channel.close();
    expect(seen).to.deep.equal([before, ...after]);
    expect(
      acks.some((a) => !a.allUpTo),
      'one by one after it',
    ).to.equal(true);
    expect(await waiting()).to.equal(1);
    const back = await setup.get(queue, { noAck: true });
    expect(back && (JSON.parse(back.content.toString()) as { id: string }).id).to.equal(poison);
  });
});
