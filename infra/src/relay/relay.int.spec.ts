import { expect } from 'chai';
import { join } from 'node:path';
import type { CheckpointStore, EventStore, MessageBus, StoredEvent } from '@hcms/shared-kernel';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { ReadStoreCheckpointStore } from '../read-store/read-store-checkpoint-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { createLogger } from '../system/logger.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, newEvent, tempDir, uniqueStream } from '../testing/fixtures.js';
import { Relay, relayCheckpointName, type RelayOptions, type RelayStatus } from './relay.js';

/** Fails the next `failures` calls of `work`, noting what the relay reported at each. */
const failing = (failures: number, relay: () => Relay | undefined) => {
  let left = failures;
  const seen: RelayStatus[] = [];
  return {
    seen,
    run: async <T>(work: () => Promise<T>): Promise<T> => {
      const status = relay()?.status;
      if (left > 0 && status) {
        left--;
        seen.push(status);
        throw new Error('injected failure');
      }
      return work();
    },
  };
};

/** Positions in the order they first reached the bus; repeats are allowed (at least once). */
const firstSeen = (positions: readonly number[]): number[] => [...new Set(positions)];

describe('Relay', function () {
  this.timeout(30_000);
  const log = createLogger('silent');
  const options: RelayOptions = { batchSize: 10, initialBackoffMs: 5, maxBackoffMs: 40 };
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;
  let bus: InMemoryBus;
  let received: number[];
  let relay: Relay | undefined;

  beforeEach(async () => {
    dir = tempDir();
    const db = openDatabase(join(dir.path, 'events.db'), 'full');
    store = new SqliteEventStore(db, systemClock, 10);
    checkpoints = new SqliteCheckpointStore(db);
    bus = new InMemoryBus(5);
    received = [];
    await bus.consume('recorder', async (e) => void received.push(e.position));
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await bus.close();
    await store.close();
    dir.remove();
  });

  /** Appends `count` events over a few streams; returns their positions in log order. */
  const append = async (count: number): Promise<number[]> => {
    const positions: number[] = [];
    for (let i = 0; i < count; i++) {
      const { position } = await store.append(uniqueStream(), [newEvent('test.Happened', { i })], 'no-stream');
      positions.push(position);
    }
    return positions;
  };

  /** Appends `count` events to one stream in one go, so a follower reads them in one batch. */
  const appendAtOnce = async (count: number): Promise<number[]> => {
    const head = await store.headPosition();
    const events = Array.from({ length: count }, (_, i) => newEvent('test.Happened', { i }));
    await store.append(uniqueStream(), events, 'no-stream');
    return (await store.readAll({ after: head, maxCount: count })).map((e) => e.position);
  };

  const allPublished = async (positions: readonly number[]) => {
    const last = positions[positions.length - 1] ?? 0;
    await eventually(() => relay?.status.position === last && relay.status.healthy, 'the relay to publish everything');
    expect(firstSeen(received)).to.deep.equal(positions);
    expect(await checkpoints.load(relayCheckpointName(await store.logId()))).to.equal(last);
  };

  describe('when checkpoint saves fail', () => {
    it('keeps going, reports itself unhealthy meanwhile, and healthy once a batch is through', async () => {
      const flaky = failing(4, () => relay);
      const saving: CheckpointStore = { load: (n) => checkpoints.load(n), save: (n, p) => flaky.run(() => checkpoints.save(n, p)) };
      const before = await append(25);
      relay = new Relay(store, bus, saving, log, options);
      await relay.start();
      const after = await append(15);

      await allPublished([...before, ...after]);
      expect(flaky.seen).to.have.length(4);
      // The first failure is seen before the relay knows of it; every later one finds it unhealthy.
      expect(flaky.seen.slice(1).map((s) => s.failing)).to.deep.equal(['checkpoint', 'checkpoint', 'checkpoint']);
      expect(relay.status).to.include({ healthy: true, published: 40 });
    });
  });

  describe('when publishing fails', () => {
    it('retries the same batch in order and recovers', async () => {
      const flaky = failing(3, () => relay);
      const publishing: MessageBus = Object.assign(Object.create(bus) as MessageBus, {
        publish: (events: readonly StoredEvent[]) => flaky.run(() => bus.publish(events)),
      });
      const positions = await append(30);
      relay = new Relay(store, publishing, checkpoints, log, options);
      await relay.start();

      await allPublished(positions);
      expect(flaky.seen.slice(1).map((s) => s.failing)).to.deep.equal(['publish', 'publish']);
    });

    it('counts a publish that never settles as failing, until it does', async () => {
      let release = () => {};
      const stuck = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      const hanging: MessageBus = Object.assign(Object.create(bus) as MessageBus, {
        publish: async (events: readonly StoredEvent[]) => {
          if (calls++ === 0) await stuck;
          await bus.publish(events);
        },
      });
      const positions = await append(5);
      relay = new Relay(store, hanging, checkpoints, log, { ...options, stallMs: 20 });
      const starting = relay.start();

      await eventually(() => relay?.status.failing === 'publish', 'the stall to be reported');
      release();
      await starting;
      await allPublished(positions);
    });
  });

  describe('when its subscription dies', () => {
    /** The real store, but the subscriptions it opens die on chosen batches; one open fails outright. */
    const dying = (dieOnBatch: ReadonlySet<number>, refuseOpen: number) => {
      let batches = 0;
      let opens = 0;
      const opened: (RelayStatus | undefined)[] = [];
      const wrapped: EventStore = Object.assign(Object.create(store) as EventStore, {
        subscribeToAll: (handler: (batch: readonly StoredEvent[]) => Promise<void>, o: object) => {
          opened.push(relay?.status);
          if (++opens === refuseOpen) throw new Error('event store unreachable');
          return store.subscribeToAll(async (batch) => {
            const n = ++batches;
            // Odd ones die before the relay sees the batch, even ones right after it handled it.
            if (dieOnBatch.has(n) && n % 2 === 1) throw new Error('lost the log');
            await handler(batch);
            if (dieOnBatch.has(n)) throw new Error('lost the log');
          }, o);
        },
      });
      return { wrapped, opened };
    };

    it('reopens it from the checkpoint after a backoff, and publishes everything in order', async () => {
      const positions = await append(40);
      const { wrapped, opened } = dying(new Set([2, 3]), 3);
      relay = new Relay(wrapped, bus, checkpoints, log, options);
      await relay.start();

      await allPublished(positions);
      // Died on batch 2, died on batch 3, then could not reopen once, then went on.
      expect(opened).to.have.length(4);
      expect(opened.slice(1).map((s) => s?.failing)).to.deep.equal(['subscription', 'subscription', 'subscription']);
    });

    it('is healthy again once it has read up to the head, even with nothing new to publish', async () => {
      const positions = await appendAtOnce(10);
      const { wrapped, opened } = dying(new Set([2]), 0);
      relay = new Relay(wrapped, bus, checkpoints, log, options);
      await relay.start();

      expect(opened).to.have.length(1);
      // One batch: published and checkpointed, then the subscription dies with nothing left to read.
      const more = await appendAtOnce(10);
      await eventually(() => opened.length === 2, 'the subscription to be reopened');
      await allPublished([...positions, ...more]);
      expect(opened[1]?.failing).to.equal('subscription');
    });
  });

  describe('when its checkpoints are kept apart from its log (in the read store)', () => {
    let shared: ReadStoreCheckpointStore;
    beforeEach(() => (shared = new ReadStoreCheckpointStore(new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'full')))));

    it('publishes a new log from its start, never from the checkpoint of another log', async () => {
      const other = new SqliteEventStore(openDatabase(join(dir.path, 'other-events.db'), 'full'), systemClock, 10);
      try {
        for (let i = 0; i < 30; i++) await other.append(uniqueStream(), [newEvent()], 'no-stream');
        const first = new Relay(other, new InMemoryBus(5), shared, log, options);
        await first.start();
        await first.stop();
        expect(await shared.load(relayCheckpointName(await other.logId()))).to.equal(30);
      } finally {
        await other.close();
      }

      const positions = await append(5);
      relay = new Relay(store, bus, shared, log, options);
      await relay.start();
      await eventually(() => relay?.status.position === positions[4], 'the relay to publish this log');
      expect(firstSeen(received)).to.deep.equal(positions);
      expect(await shared.load(relayCheckpointName(await store.logId()))).to.equal(positions[4]);
    });

    it('takes a checkpoint from before logs had ids when this log reaches it, and not when it does not', async () => {
      const positions = await append(5);
      await shared.save('relay', positions[2] ?? 0);
      relay = new Relay(store, bus, shared, log, options);
      await relay.start();
      await eventually(() => relay?.status.position === positions[4], 'the relay to publish this log');
      expect(firstSeen(received)).to.deep.equal(positions.slice(3));
      await relay.stop();

      received.length = 0;
      const fresh = new ReadStoreCheckpointStore(new SqliteReadStore(openDatabase(join(dir.path, 'read-2.db'), 'full')));
      await fresh.save('relay', 500);
      relay = new Relay(store, bus, fresh, log, options);
      await relay.start();
      await eventually(() => relay?.status.position === positions[4], 'the relay to publish this log again');
      expect(firstSeen(received)).to.deep.equal(positions);
    });
  });

  describe('when stopped while retrying', () => {
    it('does not wait out the backoff', async () => {
      const saving: CheckpointStore = {
        load: (n) => checkpoints.load(n),
        save: async () => Promise.reject(new Error('disk full')),
      };
      await append(3);
      relay = new Relay(store, bus, saving, log, { ...options, initialBackoffMs: 60_000, maxBackoffMs: 60_000 });
      void relay.start();
      await eventually(() => relay?.status.failing === 'checkpoint', 'the failure to be reported');
      await relay.stop(); // bounded by the test's timeout, far below the minute-long backoff
      relay = undefined;
    });
  });
});
