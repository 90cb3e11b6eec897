import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERASED_TEXT, type EventStore, type NewEvent } from '@hcms/shared-kernel';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { PERSONAL_DATA } from '../roles/contexts.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent, tempDir } from '../testing/fixtures.js';
import { reencryptLog } from './reencrypt-log.js';
import { ShreddingEventStore } from './shredding-event-store.js';
import { SqlitePatientKeys } from './sqlite-patient-keys.js';

const allergy = (patientId: string, substance: string): NewEvent => {
  const e = newEvent('patients.AllergyRecorded', {
    allergyId: randomUUID(),
    substance,
    reaction: 'hives',
    severity: 'mild',
    recordedAt: '2020-01-01T00:00:00.000Z',
  });
  return { ...e, metadata: { ...e.metadata, patientId } };
};
const bytesIn = (dir: string) => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
const view = async (store: EventStore) =>
  (await store.readAll({ maxCount: 100 })).map(({ id, streamId, version, recordedAt, type, data }) => ({
    id,
    streamId,
    version,
    recordedAt,
    type,
    data,
  }));

describe('Re-encrypting a log written before encryption (real SQLite files)', () => {
  const dir = tempDir();
  after(() => dir.remove());

  it('copies every event with its personal fields encrypted, keeping ids, streams, versions and times; an erased patient’s old plaintext becomes stand-ins', async () => {
    const keys = SqlitePatientKeys.open(join(dir.path, 'keys.db'), randomBytes(32));
    const raw = new SqliteEventStore(openDatabase(join(dir.path, 'old', 'events.db'), 'full'), systemClock);
    const old = new ShreddingEventStore(raw, keys, PERSONAL_DATA);
    const [kept, erased] = [randomUUID(), randomUUID()];
    // Before encryption existed: plaintext, straight into the log.
    await raw.append(`patient-${kept}`, [allergy(kept, 'Wolfsbane'), allergy(kept, 'Foxglove')], 'any');
    await raw.append(`patient-${erased}`, [allergy(erased, 'Hemlock')], 'any');
    // After: encrypted.
    await old.append(`patient-${kept}`, [allergy(kept, 'Nightshade')], 'any');
    keys.destroy(erased, '2026-11-27T12:00:00.000Z');
    const before = await view(old);

    const copied = await reencryptLog(old, join(dir.path, 'new', 'events.db'), (log) => new ShreddingEventStore(log, keys, PERSONAL_DATA));
    expect(copied).to.equal(4);
    const bytes = bytesIn(join(dir.path, 'new'));
    for (const planted of ['Wolfsbane', 'Foxglove', 'Hemlock', 'Nightshade']) expect(bytes.includes(planted), planted).to.equal(false);

    const copy = new ShreddingEventStore(
      new SqliteEventStore(openDatabase(join(dir.path, 'new', 'events.db'), 'full'), systemClock),
      keys,
      PERSONAL_DATA,
    );
    const after = await view(copy);
    expect(after.filter((e) => e.streamId === `patient-${kept}`)).to.deep.equal(before.filter((e) => e.streamId === `patient-${kept}`));
    expect(after.find((e) => e.streamId === `patient-${erased}`)?.data).to.include({ substance: ERASED_TEXT, reaction: ERASED_TEXT });
    expect(before.find((e) => e.streamId === `patient-${erased}`)?.data, 'the old log still holds it').to.include({ substance: 'Hemlock' });
    expect(await copy.logId()).not.to.equal(await old.logId());
    await Promise.all([copy.close(), old.close(), keys.close()]);
  });
});
