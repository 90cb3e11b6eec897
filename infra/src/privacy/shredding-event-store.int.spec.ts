import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERASED_TEXT, type NewEvent } from '@hcms/shared-kernel';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { PERSONAL_DATA } from '../roles/contexts.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent, tempDir } from '../testing/fixtures.js';
import { ShreddingEventStore } from './shredding-event-store.js';
import { SqlitePatientKeys } from './sqlite-patient-keys.js';

const PLANTED = 'Quixotically';

const allergy = (patientId: string, substance: string): NewEvent => {
  const e = newEvent('patients.AllergyRecorded', {
    allergyId: randomUUID(),
    substance,
    reaction: `${PLANTED} hives`,
    severity: 'mild',
    recordedAt: '2026-11-27T10:00:00.000Z',
  });
  return { ...e, metadata: { ...e.metadata, patientId } };
};

/** Every file of a directory, read as bytes: the database files, their WAL and shared memory. */
const bytesIn = (dir: string) => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));

describe('Crypto-shredding around the event store (real SQLite files)', () => {
  const dir = tempDir();
  after(() => dir.remove());
  const logDir = join(dir.path, 'log');
  const raw = new SqliteEventStore(openDatabase(join(logDir, 'events.db'), 'full'), systemClock);
  const keys = SqlitePatientKeys.open(join(dir.path, 'keys', 'patient-keys.db'), randomBytes(32));
  const store = new ShreddingEventStore(raw, keys, PERSONAL_DATA);
  after(async () => (await store.close(), await keys.close()));
  const [ada, grace] = [randomUUID(), randomUUID()];

  it('appends personal fields encrypted with the patient’s key, and reads them back opened', async () => {
    await store.append(`patient-${ada}`, [allergy(ada, 'penicillin')], 'any');
    await store.append(`patient-${grace}`, [allergy(grace, 'latex')], 'any');
    const [stored] = await raw.readStream(`patient-${ada}`);
    expect(JSON.stringify(stored?.data)).not.to.include(PLANTED);
    expect(stored?.data).to.include({ severity: 'mild' }); // not personal: in clear
    expect(bytesIn(logDir).includes(PLANTED)).to.equal(false);
    const [opened] = await store.readStream(`patient-${ada}`);
    expect(opened?.data).to.include({ substance: 'penicillin', reaction: `${PLANTED} hives` });
    expect((await store.readAll({ maxCount: 10 })).map((e) => (e.data as { substance: string }).substance)).to.deep.equal([
      'penicillin',
      'latex',
    ]);
  });

  it('reads events appended before encryption as they are', async () => {
    const before = allergy(ada, 'pollen');
    await raw.append(`patient-${ada}`, [before], 'any');
    expect((await store.readStream(`patient-${ada}`)).map((e) => (e.data as { substance: string }).substance)).to.deep.equal([
      'penicillin',
      'pollen',
    ]);
  });

  it('shows the stand-ins once the key is destroyed, for that patient only, and records only stand-ins about them after', async () => {
    keys.destroy(ada, '2026-11-27T11:00:00.000Z');
    const [erased] = await store.readStream(`patient-${ada}`);
    expect(erased?.data).to.include({ substance: ERASED_TEXT, reaction: ERASED_TEXT, severity: 'mild' });
    expect((await store.readStream(`patient-${grace}`))[0]?.data).to.include({ substance: 'latex' });
    await store.append(`patient-${ada}`, [allergy(ada, 'dust')], 'any');
    const [, , later] = await raw.readStream(`patient-${ada}`);
    expect(later?.data).to.include({ substance: ERASED_TEXT, reaction: ERASED_TEXT });
    // The stored event is untouched: its ciphertext is what was sealed.
    expect(JSON.stringify((await raw.readStream(`patient-${ada}`))[0]?.data)).to.include('$hcms:enc');
  });

  it('leaves no copy of a destroyed key in the key file or its WAL', async () => {
    const other = SqlitePatientKeys.open(join(dir.path, 'keys2', 'patient-keys.db'), randomBytes(32));
    const key = other.keyFor(ada) as Buffer;
    const db = openDatabase(join(dir.path, 'keys2', 'patient-keys.db'), 'full');
    const wrapped = db.prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM patient_keys WHERE patient_id = ?').get(ada)?.wrapped;
    db.close();
    expect(wrapped?.length).to.equal(60);
    expect(bytesIn(join(dir.path, 'keys2')).includes(wrapped as Buffer)).to.equal(true);
    other.destroy(ada, '2026-11-27T11:00:00.000Z');
    expect(other.existing(ada)).to.equal('destroyed');
    expect(bytesIn(join(dir.path, 'keys2')).includes(wrapped as Buffer)).to.equal(false);
    expect(bytesIn(join(dir.path, 'keys2')).includes(key)).to.equal(false);
    await other.close();
  });

  it('refuses personal data about no patient, instead of storing it in clear', async () => {
    const refused = await store.append('somewhere-else', [newEvent('patients.AllergyRecorded', { substance: PLANTED })], 'any').then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).to.match(/holds personal data but names no patient/);
  });
});
