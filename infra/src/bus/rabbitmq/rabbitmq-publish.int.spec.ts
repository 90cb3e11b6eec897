import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ConfirmChannel } from 'amqplib';
import type { StoredEvent } from '@hcms/shared-kernel';
import { openDatabase } from '../../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { Relay } from '../../relay/relay.js';
import { createLogger } from '../../system/logger.js';
import { systemClock } from '../../system/system-clock.js';
import { eventually, newEvent, tempDir, uniqueStream } from '../../testing/fixtures.js';
import { storedEvent } from '../../testing/message-bus.contract.js';
import { requiredEnv } from '../../testing/servers.js';
import { RabbitMqBus, type RabbitMqOptions } from './rabbitmq-bus.js';

/**
 * A TCP hop between the bus and the broker that a test can cut (the connection drops) or stall
 * (the broker stops answering, the socket stays open), without touching anyone else's connections.
 */
class BrokerLink {
  private readonly pairs = new Set<[Socket, Socket]>();
  connections = 0;
  /** While set, the broker is away: every connection is dropped as it comes. */
  refusing = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async open(brokerUrl: string): Promise<BrokerLink> {
    const broker = new URL(brokerUrl);
    const server = createServer();
    const link = await new Promise<BrokerLink>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const url = new URL(brokerUrl);
        url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve(new BrokerLink(server, url.toString()));
      }),
    );
    server.on('connection', (client) => {
      if (link.refusing) return void client.destroy();
      link.connections++;
      const upstream = connect(Number(broker.port || 5672), broker.hostname);
      const pair: [Socket, Socket] = [client, upstream];
      link.pairs.add(pair);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        link.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    return link;
  }

  cut(): void {
    for (const [client, upstream] of this.pairs) (client.destroy(), upstream.destroy());
  }

  stall(): void {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  resume(): void {
    for (const [client, upstream] of this.pairs) client.pipe(upstream).pipe(client);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The bus's current publisher channel: the test breaks it the way the broker would. */
const publisherOf = (bus: RabbitMqBus): ConfirmChannel | undefined => (bus as unknown as { publisher?: ConfirmChannel }).publisher;

/** More messages than a channel buffers, so the publish has to wait for `drain`. */
const burst = (n = 5000): StoredEvent[] => Array.from({ length: n }, () => storedEvent('patients.Burst'));

const settled = (p: Promise<void>): Promise<'completed' | 'rejected'> =>
  p.then(
    () => 'completed' as const,
    () => 'rejected' as const,
  );

describe('RabbitMqBus publish', function () {
  // The bound on every wait here: a hang fails the test instead of passing it.
  this.timeout(30_000);
  const log = createLogger('silent');
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  const group = 'publish-recovery';
  let link: BrokerLink;
  let bus: RabbitMqBus;
  let observer: RabbitMqBus;
  let received: Set<string>;

  const open = (options: Partial<RabbitMqOptions> = {}) => RabbitMqBus.connect(link.url, log, { prefix, ...options });

  beforeEach(async () => {
    link = await BrokerLink.open(requiredEnv('HCMS_TEST_AMQP_URL'));
    // Consumes over its own, unbroken connection: what reached the broker is what it sees.
    observer = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), log, { prefix });
    received = new Set();
    await observer.consume(group, async (e) => void received.add(e.id));
  });
  afterEach(async () => {
    await bus.close();
    await link.close();
    await observer.deleteAll([group]);
    await observer.close();
  });

  const publishesAgain = async () => {
    const after = storedEvent('patients.AfterRecovery');
    await eventually(async () => settled(bus.publish([after])).then((r) => r === 'completed'), 'a publish to go through', 20_000);
    await eventually(() => received.has(after.id), 'the event published after recovery', 10_000);
  };

  /** Starts a burst and returns once it is waiting on the broker (for buffer room). */
  const inFlight = async (): Promise<{ channel: ConfirmChannel | undefined; publishing: Promise<void> }> => {
    const channel = publisherOf(bus);
    const publishing = bus.publish(burst());
    publishing.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(channel?.listenerCount('drain'), 'a publish waiting for drain').to.be.greaterThan(0);
    return { channel, publishing };
  };

  it('settles when its channel is closed by the broker under a burst, and the next publish goes through', async () => {
    bus = await open();
    const { channel, publishing } = await inFlight();
    // A channel error, as the broker raises it: the broker closes the channel.
    void channel?.checkExchange(`${prefix}.no-such-exchange`).catch(() => undefined);

    expect(await settled(publishing)).to.be.oneOf(['completed', 'rejected']);
    await publishesAgain();
    expect(publisherOf(bus)).to.not.equal(channel);
  });

  it('settles when the connection drops under a burst, and publishes again once reconnected', async () => {
    bus = await open();
    const { publishing } = await inFlight();
    link.cut();

    expect(await settled(publishing)).to.be.oneOf(['completed', 'rejected']);
    await publishesAgain();
    expect(link.connections).to.equal(2);
  });

  it('takes a doorbell and a listener added while the broker is away, and rings and tells them once it is back', async () => {
    bus = await open();
    link.refusing = true;
    link.cut();
    await eventually(() => publisherOf(bus) === undefined, 'the bus to notice the broker is gone');
    let rings = 0;
    const heard: unknown[] = [];
    // Neither may wait for the broker: the reconnect's own setup opens them.
    await bus.doorbell(`${group}-late`, ['patients.*'], () => rings++);
    await bus.listen(`${prefix}-late`, (body) => void heard.push(body));

    link.refusing = false;
    await publishesAgain();
    await eventually(() => rings > 0, 'the doorbell added while away');
    await bus.announce(`${prefix}-late`, { back: true });
    await eventually(() => heard.length === 1, 'the announcement to the listener added while away');
  });

  it('gives up on a broker that stopped answering, and publishes again once it answers', async () => {
    bus = await open({ publishTimeoutMs: 300 });
    const { publishing } = await inFlight();
    link.stall();

    const error = await publishing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error).with.property('name', 'BrokerTimeoutError');
    link.resume();
    await publishesAgain();
  });

  it('lets the relay publish every event, in order, across a connection dropped mid-batch', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'events.db'), 'full');
    const store = new SqliteEventStore(db, systemClock, 10);
    const order: number[] = [];
    await observer.consume(`${group}-order`, async (e) => void order.push(e.position));
    bus = await open();
    const real = bus;
    const seen: (string | undefined)[] = [];
    // Drops the connection while the second batch is on its way to the broker.
    const cutting = Object.assign(Object.create(real) as RabbitMqBus, {
      publish: (events: readonly StoredEvent[]) => {
        seen.push(relay.status.failing);
        const publishing = real.publish(events);
        if (seen.length === 2) setImmediate(() => link.cut());
        return publishing;
      },
    });
    const relay = new Relay(store, cutting, new SqliteCheckpointStore(db), log, { batchSize: 2000, maxBackoffMs: 200 });
    try {
      for (let i = 0; i < 4; i++) {
        const events = Array.from({ length: 1500 }, () => newEvent('patients.Burst', { pad: 'x'.repeat(256) }));
        await store.append(uniqueStream(), events, 'no-stream');
      }
      const positions = (await store.readAll({ maxCount: 10_000 })).map((e) => e.position);
      await relay.start();

      await eventually(() => new Set(order).size === positions.length, 'every event at the consumer', 20_000);
      expect([...new Set(order)]).to.deep.equal(positions);
      expect(relay.status).to.include({ position: positions[positions.length - 1], healthy: true });
      expect(link.connections).to.equal(2);
      // The batch in flight failed and was retried while the relay said it was failing.
      expect(seen.slice(2)).to.include('publish');
    } finally {
      await relay.stop();
      await observer.deleteGroup(`${group}-order`);
      await store.close();
      dir.remove();
    }
  });
});
