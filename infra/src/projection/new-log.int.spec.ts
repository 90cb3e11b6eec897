import { expect } from 'chai';
import { join } from 'node:path';
import { ReadStoreSubscriptionStore, type StoredEvent } from '@hcms/shared-kernel';
import { ProjectionRunner, ReadModelCollections, type Projection } from '@hcms/projections';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent, tempDir } from '../testing/fixtures.js';

interface Notes {
  readonly notes: readonly string[];
}

describe('A read model whose event log was replaced (a fresh or restored store)', function () {
  this.timeout(30_000);
  const dir = tempDir();
  const projection: Projection<Notes> = {
    name: 'notes',
    indexes: [],
    documentOf: (e: StoredEvent) => e.streamId,
    evolve: (doc, e) => ({ notes: [...(doc?.notes ?? []), (e.data as { note: string }).note] }),
  };
  const note = (text: string) => newEvent('test.Noted', { note: text });

  it("starts over on a fresh collection: nothing of the old log's documents is mixed into the new one", async () => {
    const readStore = new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'normal'));
    const collections = new ReadModelCollections(readStore, 0);
    const runOn = async (file: string) => {
      const store = new SqliteEventStore(openDatabase(join(dir.path, file), 'full'), systemClock, 10);
      const deps = { store, bus: new InMemoryBus(), readStore, records: new ReadStoreSubscriptionStore(readStore), collections };
      return { store, runner: new ProjectionRunner(projection, deps, { pollMs: 20 }) };
    };
    const doc = async (id: string) => (await (await collections.of(projection)).get(id))?.doc ?? null;

    const old = await runOn('old.db');
    await old.store.append('a', [note('old 1'), note('old 2'), note('old 3')], 'no-stream');
    await old.runner.start();
    expect(await doc('a')).to.deep.equal({ notes: ['old 1', 'old 2', 'old 3'] });
    await old.runner.stop();
    await old.store.close();

    const fresh = await runOn('new.db');
    await fresh.store.append('a', [note('new 1')], 'no-stream');
    await fresh.store.append('b', [note('new 2')], 'no-stream');
    await fresh.runner.start();
    // Same stream, lower version: on the old collection it would have been taken for a duplicate.
    expect(await doc('a')).to.deep.equal({ notes: ['new 1'] });
    expect(await doc('b')).to.deep.equal({ notes: ['new 2'] });
    expect(fresh.runner.applied).to.equal(await fresh.store.headPosition());
    await fresh.runner.stop();
    await fresh.store.close();
    await readStore.close();
    dir.remove();
  });
});
