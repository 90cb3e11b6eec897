import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  DurableSubscription,
  eachEvent,
  parkedLetters,
  ReadStoreSubscriptionStore,
  replayParked,
  type DurableSubscriptionOptions,
  type EventStore,
  type MessageBus,
  type StoredEvent,
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
const FAST = { pollMs: 100, requestsEveryMs: 100, retryDelayMs: 5, maxAttempts: 3, saveDelayMs: 5 };

const buses: { name: string; connect: (prefix: string) => Promise<MessageBus & { deleteAll?: (groups: string[]) => Promise<void> }> }[] = [
  { name: 'the in-process bus', connect: async () => new InMemoryBus(5) },
  { name: 'RabbitMQ', connect: (prefix) => RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), log, { prefix }) },
];

for (const { name, connect } of buses) {
  describe(`A durable subscription on ${name}`, function () {
    this.timeout(60_000);
    const dir = tempDir();
    const prefix = `ds${randomUUID().slice(0, 8)}`;
    const groups: string[] = [];
    let store: SqliteEventStore;
    let bus: Awaited<ReturnType<typeof connect>>;
    let records: ReadStoreSubscriptionStore;
    let relay: Relay;
    const running: DurableSubscription[] = [];

    before(async () => {
      const db = openDatabase(join(dir.path, 'events.db'), 'full');
      store = new SqliteEventStore(db, systemClock, 10);
      bus = await connect(prefix);
      records = new ReadStoreSubscriptionStore(new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'full')));
      relay = new Relay(store, bus, new SqliteCheckpointStore(db), log);
      await relay.start();
    });
    after(async () => {
      for (const s of running) await s.stop();
      await relay?.stop();
      await bus?.deleteAll?.(groups);
      await bus?.close();
      await store?.close();
      dir.remove();
    });

    const append = async (count: number, type = 'test.Noted') => {
      let position = 0;
      for (let i = 0; i < count; i++) position = (await store.append(`s-${randomUUID()}`, [newEvent(type, { i })], 'no-stream')).position;
      return position;
    };
    const subscribe = async (
      group: string,
      handle: (e: StoredEvent) => Promise<void>,
      deps: { store?: EventStore } = {},
      options: DurableSubscriptionOptions = FAST,
    ) => {
      if (!groups.includes(group)) groups.push(group);
      const subscription = new DurableSubscription(eachEvent(group, ['test.*'], handle), { store, bus, records, ...deps }, options);
      running.push(subscription);
      await subscription.start();
      return subscription;
    };

    it('handles events that existed before it did, in log order, then follows new ones from the bus', async () => {
      await append(12);
      await append(3, 'other.Ignored');
      const seen: number[] = [];
      const group = `policy.late-${randomUUID().slice(0, 6)}`;
      // Polls less often than this test may wait: only the bus's doorbell can wake it in time.
      const subscription = await subscribe(
        group,
        async (e) => void seen.push(e.position),
        {},
        { ...FAST, pollMs: 10_000, requestsEveryMs: 10_000 },
      );
      const before = (await store.readAll({ after: 0, maxCount: 1000 })).filter((e) => e.type.startsWith('test.'));
      expect(seen).to.deep.equal(before.map((e) => e.position));

      const last = await append(5);
      await eventually(() => subscription.applied >= last, 'the new events');
      expect(seen).to.have.length(before.length + 5);
      expect(new Set(seen).size).to.equal(seen.length);
    });

    it('after a crash resumes from its last saved record: nothing skipped, and what came after is handled again', async () => {
      const group = `policy.crash-${randomUUID().slice(0, 6)}`;
      const handledBy = { first: [] as string[], second: [] as string[] };
      let crashed = false;
      let hanging = false;
      let release = () => {};
      // The crashing instance stops recording progress, then hangs in its handler, as a killed process would.
      const forgetful = Object.assign(Object.create(records) as ReadStoreSubscriptionStore, {
        save: (n: string, r: Parameters<ReadStoreSubscriptionStore['save']>[1]) => (crashed ? Promise.resolve() : records.save(n, r)),
      });
      const first = new DurableSubscription(
        eachEvent(group, ['test.*'], async (e) => {
          if (!crashed) return void handledBy.first.push(e.id);
          hanging = true;
          await new Promise((_resolve, reject) => (release = () => reject(new Error('killed'))));
        }),
        { store, bus, records: forgetful },
        FAST,
      );
      groups.push(group);
      await first.start();
      const saved = await append(10);
      await eventually(async () => ((await records.load(group))?.position ?? 0) >= saved, 'the first record');
      crashed = true;
      await append(10);
      await eventually(() => hanging, 'the crash');
      const stopping = first.stop();
      release();
      await stopping;

      const second = await subscribe(group, async (e) => void handledBy.second.push(e.id));
      const all = (await store.readAll({ after: 0, maxCount: 1000 })).filter((e) => e.type.startsWith('test.'));
      const after = all.filter((e) => e.position > saved).map((e) => e.id);
      expect(second.applied).to.be.at.least(all[all.length - 1]?.position ?? Infinity);
      expect(handledBy.second).to.deep.equal(after);
      expect(new Set([...handledBy.first, ...handledBy.second])).to.have.property('size', all.length);
    });

    it('parks an event that keeps failing, holds its applied position below it, and heals on replay', async () => {
      const group = `policy.poison-${randomUUID().slice(0, 6)}`;
      let broken = true;
      const handled: string[] = [];
      const start = await store.headPosition();
      const poison = await store.append(`s-${randomUUID()}`, [newEvent('test.Poison')], 'no-stream');
      const last = await append(3);
      const subscription = await subscribe(group, async (e) => {
        if (e.type === 'test.Poison' && broken) throw new Error('cannot handle this one');
        handled.push(e.type);
      });
      expect(subscription.status.position).to.be.at.least(last);
      expect(subscription.applied).to.equal(poison.position - 1);
      expect(subscription.applied).to.be.at.least(start);
      expect(await subscription.waitFor(last, 100)).to.deep.include({ kind: 'parked' });
      await eventually(async () => (await parkedLetters(records, { group })).length === 1, 'the parked event on record');
      const [letter] = await parkedLetters(records, { group });
      expect(letter).to.deep.include({ group, type: 'test.Poison', position: poison.position, attempts: FAST.maxAttempts });
      expect(letter?.error).to.include('cannot handle this one');

      broken = false;
      expect(await replayParked(records, { group })).to.equal(1);
      await eventually(() => subscription.status.parked.length === 0, 'the replay', 10_000);
      expect(handled).to.include('test.Poison');
      expect(await subscription.waitFor(last, 100)).to.deep.equal({ kind: 'applied' });
    });

    it('keeps trying while the event store cannot be read, and catches up when it can', async () => {
      let failing = 3;
      const flaky: EventStore = Object.create(store) as EventStore;
      flaky.readAll = async (options) => {
        if (failing-- > 0) throw new Error('event store unreachable');
        return store.readAll(options);
      };
      const last = await append(4);
      const seen: string[] = [];
      const subscription = await subscribe(`policy.flaky-${randomUUID().slice(0, 6)}`, async (e) => void seen.push(e.id), { store: flaky });
      expect(subscription.applied).to.be.at.least(last);
      expect(failing).to.be.below(0);
      expect(subscription.status.error).to.equal(undefined);
    });
  });
}
