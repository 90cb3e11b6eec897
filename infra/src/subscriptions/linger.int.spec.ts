import { expect } from 'chai';
import { join } from 'node:path';
import { DurableSubscription, ReadStoreSubscriptionStore, type StoredEvent } from '@hcms/shared-kernel';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, newEvent, tempDir } from '../testing/fixtures.js';

describe('A durable subscription woken from idle', function () {
  this.timeout(30_000);
  const dir = tempDir();

  it('lingers before reading, so a burst is handled as one batch', async () => {
    const store = new SqliteEventStore(openDatabase(join(dir.path, 'events.db'), 'full'), systemClock, 10);
    const readStore = new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'normal'));
    const bus = new InMemoryBus();
    const batches: number[] = [];
    const reactor = { name: 'burst', handle: async (events: readonly StoredEvent[]) => void batches.push(events.length) };
    const deps = { store, bus, records: new ReadStoreSubscriptionStore(readStore) };
    const subscription = new DurableSubscription(reactor, deps, { lingerMs: 200, pollMs: 10_000 });
    await subscription.start();

    for (let i = 0; i < 5; i++) {
      const { position } = await store.append(`s${i}`, [newEvent()], 'no-stream');
      await bus.publish(await store.readAll({ after: position - 1, maxCount: 1 })); // each rings the doorbell
    }
    await eventually(() => batches.reduce((a, b) => a + b, 0) === 5, 'the burst handled');
    expect(batches).to.deep.equal([5]);

    await subscription.stop();
    await readStore.close();
    await store.close();
    dir.remove();
  });
});
