import { expect } from 'chai';
import { join } from 'node:path';
import { ReadStoreSubscriptionStore, type DocumentCollection, type ReadStore, type StoredEvent } from '@hcms/shared-kernel';
import {
  ProgressAnnouncer,
  ProjectionRunner,
  projectionSubscription,
  readById,
  readYourWrites,
  ReadModelCollections,
  ReadModelProgress,
  RecentDocuments,
  type Projection,
} from '@hcms/projections';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent, tempDir, uniqueStream } from '../testing/fixtures.js';

const projection: Projection<{ n: number }> = {
  name: 'counts',
  indexes: [],
  documentOf: (e: StoredEvent) => e.streamId,
  evolve: (doc) => ({ n: (doc?.n ?? 0) + 1 }),
  mirrored: true,
};

/** A read waiting in one process on a read model projected in another: the two share only the bus and the stores. */
describe('Waiting on a read model projected by another process', function () {
  this.timeout(30_000);
  const dir = tempDir();
  let store: SqliteEventStore;
  let bus: InMemoryBus;
  let records: ReadStoreSubscriptionStore;
  let collections: ReadModelCollections;
  let readStore: SqliteReadStore;
  let runner: ProjectionRunner<{ n: number }> | undefined;
  let test = 0;

  beforeEach(() => {
    test++;
    store = new SqliteEventStore(openDatabase(join(dir.path, `events-${test}.db`), 'full'), systemClock, 10);
    readStore = new SqliteReadStore(openDatabase(join(dir.path, `read-${test}.db`), 'normal'));
    records = new ReadStoreSubscriptionStore(readStore);
    collections = new ReadModelCollections(readStore);
    bus = new InMemoryBus();
  });
  afterEach(async () => {
    await runner?.stop();
    await store.close();
  });
  after(() => dir.remove());

  const project = async (saveDelayMs: number, announce: boolean, writesTo: ReadStore = readStore) => {
    const announcer = announce ? { announcer: new ProgressAnnouncer(bus) } : {};
    runner = new ProjectionRunner(
      projection,
      { store, bus, records, readStore: writesTo, collections, ...announcer },
      { pollMs: 10, saveDelayMs },
    );
    await runner.start();
  };
  /** The reading process: it knows the read model only by name, and never polls fast enough to matter here. */
  const reader = async (pollMs: number) => {
    const progress = new ReadModelProgress(records, collections, [projection.name], pollMs, pollMs);
    await progress.follow(bus);
    return progress;
  };
  /** A query process reading the mirrored read model by id, as the query role does. */
  const queryProcess = async () => {
    const recent = new RecentDocuments();
    await recent.follow(bus);
    const progress = await reader(60_000);
    const deps = { readStore, collections, progress, records, readYourWritesTimeoutMs: 5000, head: () => store.headPosition(), recent };
    return {
      /** Waits for `position` and for what was announced with it to be heard (a later turn, as across processes). */
      settled: async (position: number) => {
        const ready = await readYourWrites(deps, projection.name, position);
        if (ready._tag === 'Left') throw new Error(ready.left.message);
        await new Promise((r) => setTimeout(r, 50));
        return ready.right;
      },
      read: (id: string, position: number) => readById(deps, projection, id, position),
    };
  };

  it('settles on the projector’s announcement of the batch, before its record is saved', async () => {
    await project(60_000, true);
    const progress = await reader(60_000);
    const { position } = await store.append(uniqueStream(), [newEvent()], 'no-stream');

    const reached = await progress.await(projection.name, position, 5000);
    expect(reached).to.deep.equal({ _tag: 'Right', right: position });
    expect((await records.load(projectionSubscription(projection.name)))?.position ?? 0).to.be.below(position);
    expect((await progress.all())[0]).to.deep.include({ name: projection.name, position });
  });

  it('settles on the stored record when no announcement comes', async () => {
    await project(10, false);
    const progress = await reader(20);
    const { position } = await store.append(uniqueStream(), [newEvent()], 'no-stream');
    expect(await progress.await(projection.name, position, 5000)).to.deep.equal({ _tag: 'Right', right: position });
  });

  it('ignores what is not an announcement of progress', async () => {
    await project(60_000, false);
    const progress = await reader(60_000);
    await bus.announce('read-model-progress', { readModels: [{ name: projection.name, position: 'far' }] });
    const { position } = await store.append(uniqueStream(), [newEvent()], 'no-stream');
    const reached = await progress.await(projection.name, position, 300);
    expect(reached._tag === 'Left' && reached.left.code).to.equal('READ_MODEL_BEHIND');
  });

  it('takes the stored record over what was heard when the record is ahead: a lost announcement costs latency only', async () => {
    await project(10, false);
    const progress = await reader(20);
    const collection = runner?.collection;
    await bus.announce('read-model-progress', { readModels: [{ name: projection.name, position: 0, handled: 0, parked: [], collection }] });
    const { position } = await store.append(uniqueStream(), [newEvent()], 'no-stream');
    expect(await progress.await(projection.name, position, 5000)).to.deep.equal({ _tag: 'Right', right: position });
  });

  it('never takes progress heard about a collection the read model has left (a rebuild, a new log)', async () => {
    await project(10, false);
    const progress = await reader(20);
    const { position } = await store.append(uniqueStream(), [newEvent()], 'no-stream');
    await progress.await(projection.name, position, 5000); // the record is loaded: it names the collection in use
    const gone = { name: projection.name, position: 999, handled: 999, parked: [], collection: 'dropped-by-a-rebuild' };
    await bus.announce('read-model-progress', { readModels: [gone] });
    await new Promise((r) => setTimeout(r, 50));

    expect(progress.knownApplied(projection.name, 500)).to.equal(false);
    const reached = await progress.await(projection.name, 500, 300);
    expect(reached._tag === 'Left' && reached.left.code).to.equal('READ_MODEL_BEHIND');
  });

  it('answers a read by id from what the projector announced it wrote, and from the read store once another runner writes', async () => {
    const query = await queryProcess();
    await project(60_000, true);
    const stream = uniqueStream();
    const { position } = await store.append(stream, [newEvent(), newEvent()], 'no-stream');
    const reached = await query.settled(position);

    // The read store loses the document behind the projector's back: only what was announced still has it.
    await (await collections.of(projection)).remove(stream, 99);
    expect(await query.read(stream, reached)).to.deep.equal({ id: stream, doc: { n: 2 }, version: 2 });

    const collection = runner?.collection;
    const another = {
      name: projection.name,
      collection,
      epoch: 'another-runner',
      fromSeq: 1,
      toSeq: 1,
      to: 10_000,
      docs: [],
      forget: [],
      complete: true,
    };
    await bus.announce('read-model-changes', { changes: [another] });
    await query.settled(position);
    expect(await query.read(stream, reached)).to.equal(undefined);
  });

  it('leaves to the read store what a restarted projector writes again, as the store may hold a later version', async () => {
    const stream = uniqueStream();
    const { position } = await store.append(stream, [newEvent(), newEvent()], 'no-stream');
    // What the projector before the restart wrote, past the record it saved: the store is ahead of the replay.
    await (await collections.of(projection)).put(stream, { n: 99 }, 2);
    const query = await queryProcess();
    await project(60_000, true);

    expect(await query.read(stream, await query.settled(position))).to.deep.equal({ id: stream, doc: { n: 99 }, version: 2 });
  });

  it('leaves to the read store a document whose write failed after it was made: the retry writes nothing', async () => {
    let failNext = false;
    // A read store that times out after writing, once: the retry finds the document stored already.
    const timingOut = Object.assign(Object.create(readStore) as SqliteReadStore, {
      collection: async <T>(name: string, indexes?: Parameters<ReadStore['collection']>[1]): Promise<DocumentCollection<T>> => {
        const inner = await readStore.collection<T>(name, indexes);
        const putMany: DocumentCollection<T>['putMany'] = async (items) => {
          await inner.putMany(items);
          if (failNext && items.length > 0) throw ((failNext = false), new Error('timed out after writing'));
        };
        return Object.assign(Object.create(inner) as DocumentCollection<T>, { putMany });
      },
    });
    const query = await queryProcess();
    await project(60_000, true, timingOut);
    const readAt = async (position: number) => query.read(stream, await query.settled(position));
    const stream = uniqueStream();
    const first = await store.append(stream, [newEvent()], 'no-stream');
    expect((await readAt(first.position))?.version).to.equal(1);

    failNext = true;
    const second = await store.append(stream, [newEvent()], 1);
    expect(await readAt(second.position)).to.deep.equal({ id: stream, doc: { n: 2 }, version: 2 });
    expect(failNext, 'the write failed once').to.equal(false);
  });
});
