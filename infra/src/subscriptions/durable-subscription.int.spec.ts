import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  DurableSubscription,
  eachEvent,
  NotYet,
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

    it('parks an event that keeps failing, and the later events of its stream behind it, and heals them in order on replay', async () => {
      const group = `policy.poison-${randomUUID().slice(0, 6)}`;
      let broken = true;
      const handled: string[] = [];
      const start = await store.headPosition();
      const stream = `s-${randomUUID()}`;
      const poison = await store.append(stream, [newEvent('test.Poison')], 'no-stream');
      await store.append(stream, [newEvent('test.AfterPoison')], 1);
      const last = await append(3);
      const subscription = await subscribe(group, async (e) => {
        if (e.type === 'test.Poison' && broken) throw new Error('cannot handle this one');
        handled.push(e.type);
      });
      expect(subscription.status.position).to.be.at.least(last);
      expect(subscription.applied).to.equal(poison.position - 1);
      expect(subscription.applied).to.be.at.least(start);
      expect(handled.filter((t) => t === 'test.Noted').length).to.be.at.least(3);
      expect(handled, 'the event behind the parked one waits for it').not.to.include('test.AfterPoison');
      expect(await subscription.waitFor(last, 100)).to.deep.include({ kind: 'parked' });
      await eventually(async () => (await parkedLetters(records, { group })).length === 2, 'the parked events on record');
      const [letter, behind] = await parkedLetters(records, { group });
      expect(letter).to.deep.include({ group, type: 'test.Poison', position: poison.position, attempts: FAST.maxAttempts });
      expect(letter?.error).to.include('cannot handle this one');
      expect(behind).to.deep.include({ type: 'test.AfterPoison', attempts: 0 });

      // Replaying the later one alone does nothing while the earlier one is parked.
      await replayParked(records, { group, eventId: behind?.eventId ?? '' });
      await eventually(async () => (await records.requests(group)).length === 0, 'the request taken');
      expect(handled).not.to.include('test.AfterPoison');

      broken = false;
      expect(await replayParked(records, { group })).to.equal(2);
      await eventually(() => subscription.status.parked.length === 0, 'the replay', 10_000);
      expect(handled.slice(-2)).to.deep.equal(['test.Poison', 'test.AfterPoison']);
      expect(await subscription.waitFor(last, 100)).to.deep.equal({ kind: 'applied' });
    });

    it('waits, without parking, for as long as a handler says it is too early', async () => {
      let early = 4;
      const last = await append(1);
      const subscription = await subscribe(`policy.early-${randomUUID().slice(0, 6)}`, async () => {
        if (early-- > 0) throw new NotYet('the read model has not caught up');
      });
      expect(subscription.applied).to.be.at.least(last);
      expect(subscription.status.parked).to.deep.equal([]);
      expect(early).to.be.below(0);
    });

    it('takes a run of failures for an outage: after a few parked events it stops parking and waits', async () => {
      let down = true;
      const seen: string[] = [];
      const first = (await store.headPosition()) + 1;
      const subscription = new DurableSubscription(
        eachEvent(`policy.outage-${randomUUID().slice(0, 6)}`, ['test.*'], async (e) => {
          if (down && e.position >= first) throw new Error('read store unreachable');
          seen.push(e.id);
        }),
        { store, bus, records },
        { ...FAST, maxConsecutiveParked: 2 },
      );
      running.push(subscription);
      const starting = subscription.start();
      const last = await append(5);
      await eventually(() => subscription.status.parked.length === 2 && subscription.status.error !== undefined, 'the outage');
      down = false;
      await starting;
      await eventually(() => subscription.status.position >= last, 'the rest once it is back');
      expect(subscription.status.parked).to.have.length(2);
      const parked = new Set(subscription.status.parked.map((p) => p.eventId));
      const fresh = (await store.readAll({ after: first - 1, maxCount: 100 })).filter((e) => e.type.startsWith('test.'));
      expect(seen.filter((id) => fresh.some((e) => e.id === id))).to.deep.equal(fresh.filter((e) => !parked.has(e.id)).map((e) => e.id));
    });

    it('takes operators’ requests one by one: one that keeps failing does not hold back the next', async () => {
      const group = `projection.requests-${randomUUID().slice(0, 6)}`;
      groups.push(group);
      let broken = true;
      const poison = await store.append(`s-${randomUUID()}`, [newEvent('test.Poison')], 'no-stream');
      const subscription = new DurableSubscription(
        {
          ...eachEvent(group, ['test.*'], async (e) => {
            if (e.position === poison.position && broken) throw new Error('bad event');
          }),
          onRequest: async () => {
            throw new Error('cannot adopt that collection');
          },
        },
        { store, bus, records },
        FAST,
      );
      running.push(subscription);
      await subscription.start();
      expect(subscription.status.parked.map((p) => p.position)).to.include(poison.position);
      await records.request(group, { kind: 'adopt-collection', collection: 'nowhere', position: 0 });
      broken = false;
      await records.request(group, { kind: 'replay' });
      await eventually(() => subscription.status.parked.length === 0, 'the replay behind the failing request');
      expect((await records.requests(group)).map((r) => r.kind)).to.deep.equal(['adopt-collection']);
    });

    it('records progress even when a record with a newer version is stored (a clock behind)', async () => {
      const group = `policy.clock-${randomUUID().slice(0, 6)}`;
      const readStore = new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'full'));
      await (await readStore.collection('subscriptions')).put(group, { position: 0, parked: [], updatedAt: 'future' }, Date.now() * 2000);
      const subscription = await subscribe(group, async () => {});
      await subscription.stop();
      running.splice(running.indexOf(subscription), 1);
      expect((await records.load(group))?.position).to.equal(subscription.status.position);
      expect(subscription.status.position).to.be.greaterThan(0);
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
      const all = (await store.readAll({ after: 0, maxCount: 10_000 })).filter(
        (e) => e.type.startsWith('test.') && e.type !== 'test.Poison',
      );
      expect(seen).to.include.members(all.map((e) => e.id));
      expect(failing).to.be.below(0);
      expect(subscription.status.error).to.equal(undefined);
    });
  });
}
