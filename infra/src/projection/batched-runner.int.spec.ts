import { expect } from 'chai';
import { join } from 'node:path';
import { ReadStoreSubscriptionStore, type DocumentCollection, type ReadStore, type StoredEvent } from '@hcms/shared-kernel';
import { ProjectionRunner, ReadModelCollections, type Projection } from '@hcms/projections';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, newEvent, tempDir } from '../testing/fixtures.js';

interface Tally {
  readonly notes: readonly string[];
}

/** Every call the runner makes on its collection, on a real SQLite read store; `failNextBulk` breaks one bulk write. */
const counted = (inner: ReadStore) => {
  const calls = { get: 0, getMany: [] as string[][], putMany: [] as number[], failNextBulk: false };
  const store: ReadStore = {
    drop: (name) => inner.drop(name),
    compact: () => inner.compact(),
    close: () => inner.close(),
    collection: async <T>(name: string, indexes?: Parameters<ReadStore['collection']>[1]) => {
      const real = await inner.collection<T>(name, indexes);
      if (!name.startsWith('tally')) return real;
      const wrapped: DocumentCollection<T> = {
        ...real,
        get: (id) => (calls.get++, real.get(id)),
        getMany: (ids) => (calls.getMany.push([...ids]), real.getMany(ids)),
        putMany: async (items) => {
          calls.putMany.push(items.length);
          if (calls.failNextBulk) {
            calls.failNextBulk = false;
            await real.putMany(items.slice(0, 1)); // half done, then the store fails
            throw new Error('read store went away mid-write');
          }
          return real.putMany(items);
        },
        find: (query) => real.find(query),
        count: (where) => real.count(where),
        put: (id, doc, version) => real.put(id, doc, version),
        remove: (id, version) => real.remove(id, version),
      };
      return wrapped;
    },
  };
  return { store, calls };
};

describe('A projection applying a batch at a time', function () {
  this.timeout(30_000);
  const dir = tempDir();
  const projection: Projection<Tally> = {
    name: 'tally',
    indexes: [],
    documentOf: (e: StoredEvent) => e.streamId,
    evolve: (doc, e) => {
      const note = (e.data as { note: string }).note;
      if (note === 'skip') return doc; // changes nothing: must not be written
      return { notes: [...(doc?.notes ?? []), note] };
    },
  };
  let events: SqliteEventStore;
  let runner: ProjectionRunner<Tally>;
  let counting: ReturnType<typeof counted>;

  before(async () => {
    events = new SqliteEventStore(openDatabase(join(dir.path, 'events.db'), 'full'), systemClock, 10);
    counting = counted(new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'normal')));
  });
  after(async () => {
    await runner.stop();
    await counting.store.close();
    await events.close();
    dir.remove();
  });

  const note = (text: string) => newEvent('test.Noted', { note: text });
  const doc = async (id: string) => (await (await counting.store.collection<Tally>('tally')).get(id)) ?? null;
  const streams = Array.from({ length: 50 }, (_, i) => `s${i}`);

  const startRunner = async () => {
    const records = new ReadStoreSubscriptionStore(counting.store);
    const deps = { store: events, bus: new InMemoryBus(), readStore: counting.store, records };
    runner = new ProjectionRunner(projection, { ...deps, collections: new ReadModelCollections(counting.store) }, { pollMs: 20 });
    await runner.start();
  };

  it('writes a batch in one bulk write, without reading documents whose streams start in it', async () => {
    for (const s of streams) await events.append(s, [note('a'), note('b')], 'no-stream');
    await startRunner();

    expect(counting.calls.get).to.equal(0);
    expect(counting.calls.getMany).to.deep.equal([]);
    expect(counting.calls.putMany).to.deep.equal([50]);
    expect(await doc('s7')).to.deep.include({ version: 2, doc: { notes: ['a', 'b'] } });
  });

  it('does not read back what it wrote itself, nor write what an event left unchanged', async () => {
    const [reads, writes] = [counting.calls.getMany.length, counting.calls.putMany.length];
    await events.append('s1', [note('skip')], 2);
    const last = await events.append('s2', [note('c')], 2);
    await eventually(() => runner.applied >= last.position, 'the runner to apply both');

    expect(counting.calls.getMany.length).to.equal(reads);
    expect(counting.calls.putMany.slice(writes).reduce((a, b) => a + b, 0)).to.equal(1);
    expect(await doc('s1')).to.deep.include({ version: 2 }); // the stored copy is unchanged...
    const next = await events.append('s1', [note('d')], 3);
    await eventually(() => runner.applied >= next.position, 'the runner to apply it');
    expect(await doc('s1')).to.deep.include({ version: 4, doc: { notes: ['a', 'b', 'd'] } }); // ...and counted
  });

  it('forgets what it knew when a bulk write fails, and applies nothing twice when it goes through again', async () => {
    counting.calls.failNextBulk = true;
    await events.append('s3', [note('c')], 2);
    const last = await events.append('s4', [note('c')], 2);
    await eventually(() => runner.applied >= last.position, 'the runner to get past the failure');

    expect(await doc('s3')).to.deep.include({ version: 3, doc: { notes: ['a', 'b', 'c'] } });
    expect(await doc('s4')).to.deep.include({ version: 3, doc: { notes: ['a', 'b', 'c'] } });
    expect(runner.status.parked).to.deep.equal([]);
  });

  it('after a restart, reads what it does not remember in one call per batch', async () => {
    await runner.stop();
    await events.append('s5', [note('c')], 2);
    await events.append('s6', [note('c')], 2);
    counting.calls.getMany.length = 0;
    await startRunner();

    expect(counting.calls.getMany).to.have.length(1);
    expect(counting.calls.getMany[0]).to.have.members(['s5', 's6']);
    expect(await doc('s6')).to.deep.include({ version: 3, doc: { notes: ['a', 'b', 'c'] } });
  });

  it('stays exact when a crash replays the start of streams it wrote already', async () => {
    await runner.stop();
    // As if the record had not been saved before a crash: the events are handled again.
    const records = new ReadStoreSubscriptionStore(counting.store);
    await records.save(runner.name, { position: 0, parked: [], updatedAt: new Date().toISOString() });
    await startRunner();

    expect(await doc('s6')).to.deep.include({ version: 3, doc: { notes: ['a', 'b', 'c'] } });
    expect(await doc('s1')).to.deep.include({ version: 4, doc: { notes: ['a', 'b', 'd'] } });
    const last = await events.append('s6', [note('d')], 3);
    await eventually(() => runner.applied >= last.position, 'the runner to apply it');
    expect(await doc('s6')).to.deep.include({ version: 4, doc: { notes: ['a', 'b', 'c', 'd'] } });
  });
});
