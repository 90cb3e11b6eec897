import { NO_ERASURE } from '../testing/fixtures.js';
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { DEV_IDENTITY_KEY_SECRET, handlePatientCommand, identityKeys } from '@hcms/patients';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { randomMrnGenerator } from '../system/mrn-generator.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { fmt, lanes, rate, timed, type Row } from './measure.js';
import { benchActor, registeredPatients } from './registered-patients.js';

/** The write path alone (load + decide + append on the durable store), as a context service runs it. */
export const benchHandler = async (dir: string): Promise<Row[]> => {
  const store = new SqliteEventStore(openDatabase(join(dir, 'bench-handler.db'), 'full'), systemClock);
  const deps = {
    store,
    ids: uuidV7Generator,
    clock: systemClock,
    mrns: randomMrnGenerator,
    identityKeys: identityKeys(DEV_IDENTITY_KEY_SECRET),
    ...NO_ERASURE,
  };
  const patients = await registeredPatients(store, 15_000);
  const consent = (i: number) =>
    handlePatientCommand(deps)(
      patients[i] ?? '',
      { type: 'RecordConsent', consentId: uuidV7Generator.next(), kind: 'treatment' },
      { actor: benchActor, correlationId: 'bench', now: new Date() },
    );
  const seq = 3000;
  const seqMs = await timed(async () => {
    for (let i = 0; i < seq; i++) await consent(i);
  });
  let failures = 0;
  const conc = 10_000;
  const concMs = await timed(() =>
    lanes(8, conc, (i) =>
      consent(seq + i).then(
        (r) => E.isLeft(r) && failures++,
        () => failures++,
      ),
    ),
  );
  await store.close();
  return [
    { what: 'command handler (load+decide+append), sequential', ours: fmt(rate(seq, seqMs), 'ops/s'), floor: 'target ≥ 3,000 ops/s' },
    {
      what: `command handler, 8 concurrent, distinct streams (${failures} failures)`,
      ours: fmt(rate(conc, concMs), 'ops/s'),
      floor: 'target ≥ 6,500 ops/s',
    },
  ];
};
