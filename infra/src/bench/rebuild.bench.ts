import { NO_ERASURE } from '../testing/fixtures.js';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ReadModelCollections, patientDetailProjection, rebuildProjection } from '@hcms/projections';
import { ReadStoreSubscriptionStore } from '@hcms/shared-kernel';
import type { ReadStore } from '@hcms/shared-kernel';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { MongoReadStore } from '../read-store/mongodb/mongo-read-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { DEV_IDENTITY_KEY_SECRET, handlePatientCommand, identityKeys } from '@hcms/patients';
import { fmt, lanes, rate, timed, type Row } from './measure.js';
import { ferretDbBackend } from './process-cpu.js';
import { benchActor, registeredPatients } from './registered-patients.js';

/** Rebuild of the patient-detail read model from a log of ~50k patient events. */
export const benchRebuild = async (dir: string, mongoUrl: string): Promise<Row[]> => {
  const store = new SqliteEventStore(openDatabase(join(dir, 'rebuild-events.db'), 'full'), systemClock);
  const deps = {
    store,
    ids: uuidV7Generator,
    clock: systemClock,
    mrns: { next: () => 'X' },
    identityKeys: identityKeys(DEV_IDENTITY_KEY_SECRET),
    ...NO_ERASURE,
  };
  const patients = await registeredPatients(store, 10_000);
  await lanes(16, 40_000, (i) =>
    handlePatientCommand(deps)(
      patients[i % patients.length] ?? '',
      { type: 'RecordConsent', consentId: uuidV7Generator.next(), kind: 'treatment' },
      { actor: benchActor, correlationId: 'bench', now: new Date() },
    ),
  );
  const into = async (readStore: ReadStore) => {
    const collections = new ReadModelCollections(readStore, 50);
    let events = 0;
    const ms = await timed(async () => {
      const records = new ReadStoreSubscriptionStore(readStore);
      // No projector runs here: the rebuilt collection is put in place directly.
      const deps = { store, readStore, collections, records };
      events = (await rebuildProjection(patientDetailProjection, deps, { handOverTimeoutMs: 0 })).events;
    });
    await readStore.close();
    // The swap waits twice the alias cache time before dropping the old collection: not replay work.
    return rate(events, ms - 2 * collections.ttlMs - 100);
  };
  const sqlite = await into(new SqliteReadStore(openDatabase(join(dir, 'rebuild-read.db'), 'normal')));
  const mongo = await into(await MongoReadStore.connect(mongoUrl, `bench_${randomUUID().slice(0, 8)}`));
  await store.close();
  return [
    { what: 'projection rebuild into SQLite (patient-detail, 50k events)', ours: fmt(sqlite, 'ev/s'), floor: 'target ≥ 50,000 ev/s' },
    {
      what: `projection rebuild into FerretDB on ${ferretDbBackend()} (the same)`,
      ours: fmt(mongo, 'ev/s'),
      floor: 'target ≥ 20,000 ev/s',
    },
  ];
};
