import { expect } from 'chai';
import { join } from 'node:path';
import { DurableSubscription, ReadStoreSubscriptionStore, type StoredEvent } from '@hcms/shared-kernel';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, newEvent, tempDir } from '../testing/fixtures.js';

describe('A durable subscription that lingers', function () {
  this.timeout(30_000);
  const dir = tempDir();

  it('handles an event after a quiet spell at once, and the burst behind it as one batch once the interval has passed', async () => {
    const store = new SqliteEventStore(openDatabase(join(dir.path, 'events.db'), 'full'), systemClock, 10);
    const readStore = new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'normal'));
    const bus = new InMemoryBus();
    const batches: { readonly size: number; readonly at: number }[] = [];
    let burstAppended = () => {};
    const appended = new Promise<void>((resolve) => (burstAppended = resolve));
    const reactor = {
      name: 'burst',
      handle: async (events: readonly StoredEvent[]) => {
        batches.push({ size: events.length, at: performance.now() });
        // The first batch is in hand until the burst is on file: however slow the appends, the burst is one batch.
        if (batches.length === 1) await appended;
      },
    };
    const deps = { store, bus, records: new ReadStoreSubscriptionStore(readStore) };
    const lingerMs = 500;
    const subscription = new DurableSubscription(reactor, deps, { lingerMs, pollMs: 10_000 });
    await subscription.start();
    const appendAndRing = async (stream: string) => {
      const { position } = await store.append(stream, [newEvent()], 'no-stream');
      await bus.publish(await store.readAll({ after: position - 1, maxCount: 1 })); // rings the doorbell
    };

    const quiet = performance.now();
    await appendAndRing('first');
    await eventually(() => batches.length === 1, 'the first event handled');
    for (let i = 0; i < 4; i++) await appendAndRing(`s${i}`);
    burstAppended();
    await eventually(() => batches.reduce((sum, b) => sum + b.size, 0) === 5, 'the burst handled');

    expect(batches.map((b) => b.size)).to.deep.equal([1, 4]);
    const [first, burst] = batches;
    expect(first!.at - quiet).to.be.below(lingerMs, 'the first event did not wait out an interval');
    // The interval counts from the read before the first batch was handed over: a little before `first.at`.
    expect(burst!.at - first!.at).to.be.at.least(lingerMs - 20, 'the burst waited for the interval to pass');

    await subscription.stop();
    await readStore.close();
    await store.close();
    dir.remove();
  });
});
