import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  DurableSubscription,
  eachEvent,
  ReadStoreSubscriptionStore,
  type LogChange,
  type Reactor,
  type StoredEvent,
  type SubscriptionRecord,
} from '@hcms/shared-kernel';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { Relay } from '../relay/relay.js';
import { createLogger } from '../system/logger.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, newEvent, tempDir } from '../testing/fixtures.js';
import { requiredEnv } from '../testing/servers.js';

const log = createLogger('silent');
const FAST = { pollMs: 100, requestsEveryMs: 100, retryDelayMs: 5, maxAttempts: 1, saveDelayMs: 5 };

/** Event stores on files of their own (each its own log), and one read store holding every record. */
const world = () => {
  const dir = tempDir();
  const opened: { close(): Promise<void> }[] = [];
  const records = new ReadStoreSubscriptionStore(new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'full')));
  let n = 0;
  const eventStore = () => {
    const db = openDatabase(join(dir.path, `events-${++n}.db`), 'full');
    const store = new SqliteEventStore(db, systemClock, 10);
    opened.push(store);
    return { store, checkpoints: new SqliteCheckpointStore(db) };
  };
  const close = async () => {
    for (const o of opened.reverse()) await o.close();
    dir.remove();
  };
  return { records, eventStore, close };
};

const append = async (store: SqliteEventStore, count: number, type = 'test.Noted') => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = newEvent(type, { i });
    await store.append(`s-${randomUUID()}`, [event], 'no-stream');
    ids.push(event.id);
  }
  return ids;
};

/** A reactor that notes what it handled and what it was told of a new log. */
const noting = (name: string, onNewLog?: (change: LogChange) => Promise<void>) => {
  const handled: string[] = [];
  const told: LogChange[] = [];
  const reactor: Reactor = {
    ...eachEvent(name, ['test.*'], async (e: StoredEvent) => {
      if (e.type === 'test.Poison') throw new Error('cannot handle this one');
      handled.push(e.id);
    }),
    onNewLog: async (change) => {
      told.push(change);
      await onNewLog?.(change);
    },
  };
  return { reactor, handled, told };
};

describe('A durable subscription whose record is of another log', function () {
  this.timeout(30_000);
  let w: ReturnType<typeof world>;
  const running: DurableSubscription[] = [];
  const warnings: string[] = [];
  const subscribe = async (reactor: Reactor, store: SqliteEventStore) => {
    const deps = { store, bus: new InMemoryBus(5), records: w.records, onWarning: (m: string) => void warnings.push(m) };
    const subscription = new DurableSubscription(reactor, deps, FAST);
    running.push(subscription);
    await subscription.start();
    return subscription;
  };
  const stopAll = async () => {
    for (const s of running.splice(0)) await s.stop();
  };
  beforeEach(() => {
    w = world();
    warnings.length = 0;
  });
  afterEach(async () => {
    await stopAll();
    await w.close();
  });

  it('starts over at the beginning of this log with nothing parked, after telling its reactor, and says so', async () => {
    const name = `projection.moved-${randomUUID().slice(0, 6)}`;
    const a = w.eventStore().store;
    await append(a, 4);
    await append(a, 1, 'test.Poison');
    const onA = await subscribe(noting(name).reactor, a);
    expect(onA.status.parked).to.have.length(1);
    await stopAll();

    const b = w.eventStore().store;
    const ofB = await append(b, 3);
    const onRecord: (SubscriptionRecord | undefined)[] = [];
    const { reactor, handled, told } = noting(name, async () => void onRecord.push(await w.records.load(name)));
    const onB = await subscribe(reactor, b);

    const [idA, idB] = [await a.logId(), await b.logId()];
    expect(told).to.deep.equal([{ recorded: idA, current: idB }]);
    expect(onRecord[0], 'the reactor is told before the new start is recorded').to.deep.include({ logId: idA, position: 5 });
    expect(handled).to.deep.equal(ofB);
    expect(onB.status).to.deep.include({ position: await b.headPosition(), parked: [] });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include(idA).and.include(idB);
    await stopAll();
    expect(await w.records.load(name)).to.deep.include({ logId: idB, position: 3, parked: [] });
  });

  it('starts over on an empty log, and takes the log’s id with its first event', async () => {
    const name = `policy.emptied-${randomUUID().slice(0, 6)}`;
    const a = w.eventStore().store;
    await append(a, 3);
    await subscribe(noting(name).reactor, a);
    await stopAll();

    const empty = w.eventStore().store;
    const { reactor, handled, told } = noting(name);
    const subscription = await subscribe(reactor, empty);
    expect(told).to.deep.equal([{ recorded: await a.logId(), current: undefined }]);
    expect(subscription.status.position).to.equal(0);

    const first = await append(empty, 2);
    await eventually(() => handled.length === 2, 'the new log’s first events');
    expect(handled).to.deep.equal(first);
    await stopAll();
    expect(await w.records.load(name)).to.deep.include({ logId: await empty.logId(), position: 2 });
  });

  it('takes this log as its own when its record was written before logs had ids', async () => {
    const name = `policy.older-${randomUUID().slice(0, 6)}`;
    const b = w.eventStore().store;
    const [, , ...later] = await append(b, 5);
    await w.records.save(name, { position: 2, parked: [], updatedAt: new Date().toISOString() });
    const { reactor, handled, told } = noting(name);
    await subscribe(reactor, b);
    expect(told).to.deep.equal([]);
    expect(handled).to.deep.equal(later);
    await stopAll();
    expect(await w.records.load(name)).to.deep.include({ logId: await b.logId(), position: 5 });
  });

  it('keeps its record as it was, and does not start, when its reactor cannot set the old log aside', async () => {
    const name = `projection.stuck-${randomUUID().slice(0, 6)}`;
    const a = w.eventStore().store;
    await append(a, 2);
    await subscribe(noting(name).reactor, a);
    await stopAll();
    const before = await w.records.load(name);

    const b = w.eventStore().store;
    await append(b, 1);
    const { reactor, handled } = noting(name, async () => Promise.reject(new Error('cannot make a fresh collection')));
    const subscription = new DurableSubscription(reactor, { store: b, bus: new InMemoryBus(5), records: w.records }, FAST);
    const error = await subscription.start().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('message', 'cannot make a fresh collection');
    await subscription.stop();
    expect(handled).to.deep.equal([]);
    expect(await w.records.load(name)).to.deep.equal(before);
  });
});

describe('A new event store behind an old broker queue and an old read store', function () {
  this.timeout(60_000);
  const prefix = `epoch${randomUUID().slice(0, 8)}`;
  const group = `projection.epoch-${randomUUID().slice(0, 6)}`;
  let w: ReturnType<typeof world>;
  const closing: { stop?(): Promise<void>; close?(): Promise<void> }[] = [];
  const connect = (store: SqliteEventStore) =>
    RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), log, { prefix, logId: () => store.logId() });

  before(() => (w = world()));
  after(async () => {
    for (const c of closing.reverse()) await (c.stop?.() ?? c.close?.());
    const cleaner = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), log, { prefix });
    await cleaner.deleteAll([group]);
    await cleaner.close();
    await w.close();
  });

  it('starts the record over, serves the new log from its start, and drops what the old log still publishes', async () => {
    // The first stack: its subscription stops; its relay goes on publishing on the shared broker.
    const a = w.eventStore();
    const busA = await connect(a.store);
    await append(a.store, 2);
    const first = new DurableSubscription(noting(group).reactor, { store: a.store, bus: busA, records: w.records }, FAST);
    await first.start();
    await first.stop();
    const relayA = new Relay(a.store, busA, a.checkpoints, log);
    await relayA.start();
    await append(a.store, 28);
    const headA = await a.store.headPosition();
    await eventually(() => relayA.status.position === headA, 'the first log on the bus');
    closing.push(busA, relayA);
    const before = await w.records.load(group);
    expect(before).to.deep.include({ logId: await a.store.logId(), position: 2 });

    // The second stack: a fresh event store, the same broker and read store.
    const b = w.eventStore();
    const ofB = await append(b.store, 3);
    const busB = await connect(b.store);
    closing.push(busB);
    const relayB = new Relay(b.store, busB, b.checkpoints, log);
    closing.push(relayB);
    await relayB.start();
    const { reactor, handled, told } = noting(group);
    const second = new DurableSubscription(reactor, { store: b.store, bus: busB, records: w.records }, FAST);
    closing.push(second);
    await second.start();

    expect(told).to.deep.equal([{ recorded: await a.store.logId(), current: await b.store.logId() }]);
    expect(await second.waitFor(2, 5_000)).to.deep.equal({ kind: 'applied' });
    // A doorbell keeps no backlog; what the first log publishes now rings it, and is dropped.
    await append(a.store, 10);
    await eventually(() => (busB.foreignMessages().byGroup[group] ?? 0) > 0, 'the first log’s messages dropped');
    const more = await append(b.store, 2);
    await eventually(() => handled.length === 5, 'the new log’s later events');
    expect(handled).to.deep.equal([...ofB, ...more]);
    expect(second.applied).to.equal(await b.store.headPosition());
    expect(busB.foreignMessages().total).to.be.within(1, 10);
  });
});
