import { expect } from 'chai';
import { join } from 'node:path';
import { ReadStoreSubscriptionStore, type StoredEvent } from '@hcms/shared-kernel';
import { ProjectionRunner, ReadModelCollections, ReadModelProgress, type Projection } from '@hcms/projections';
import { InMemoryBus } from '../bus/memory/in-memory-bus.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { Relay } from '../relay/relay.js';
import { createLogger } from '../system/logger.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent, tempDir } from '../testing/fixtures.js';

describe('Waiting for a read model, as far as one patient goes', function () {
  this.timeout(30_000);
  const dir = tempDir();
  const projection: Projection<{ notes: number }> = {
    name: 'notes',
    indexes: [],
    documentOf: (e: StoredEvent) => e.metadata.patientId,
    evolve: (doc, e) => {
      if (e.metadata.patientId === 'ann') throw new Error('cannot read Ann’s note');
      return { notes: (doc?.notes ?? 0) + 1 };
    },
  };
  let store: SqliteEventStore;
  let relay: Relay;
  let runner: ProjectionRunner<{ notes: number }>;
  let progress: ReadModelProgress;

  before(async () => {
    const db = openDatabase(join(dir.path, 'events.db'), 'full');
    store = new SqliteEventStore(db, systemClock, 10);
    const bus = new InMemoryBus(5);
    const readStore = new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'full'));
    const records = new ReadStoreSubscriptionStore(readStore);
    const collections = new ReadModelCollections(readStore);
    runner = new ProjectionRunner(projection, { store, bus, readStore, records, collections }, { maxAttempts: 1, retryDelayMs: 1 });
    progress = new ReadModelProgress(records, collections, ['notes']);
    await runner.start();
    progress.register(runner as unknown as ProjectionRunner<unknown>);
    relay = new Relay(store, bus, new SqliteCheckpointStore(db), createLogger('silent'));
    await relay.start();
  });
  after(async () => {
    await relay.stop();
    await runner.stop();
    await store.close();
    dir.remove();
  });

  const note = (patientId: string) => ({ ...newEvent('test.Noted'), metadata: { ...newEvent().metadata, patientId } });

  it('is held by a parked event about that patient only, while an unscoped read is held by any', async () => {
    await store.append('notes-ann', [note('ann')], 'no-stream');
    const bob = await store.append('notes-bob', [note('bob')], 'no-stream');

    expect(await progress.await('notes', bob.position, 2000, { patientId: 'bob' })).to.deep.include({ _tag: 'Right' });
    const ann = await progress.await('notes', bob.position, 2000, { patientId: 'ann' });
    expect(ann._tag === 'Left' && ann.left.code).to.equal('READ_MODEL_STALLED');
    const anyone = await progress.await('notes', bob.position, 2000);
    expect(anyone._tag === 'Left' && anyone.left.code).to.equal('READ_MODEL_STALLED');
  });
});
