import { expect } from 'chai';
import { createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';
import { exportRecord } from '../integrity/export/exporter.js';
import { verifyExport } from '../integrity/export/verify-export.js';
import { systemClock } from '../system/system-clock.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { requiredEnv } from '../testing/servers.js';
import { startStackFixture, type StackFixture } from './stack-fixture.js';

const PLANTED = ['Ottoline', 'Brackenbury', 'otto.brackenbury@example.org', 'Quassiawood', 'Cerulean blotches'];

const filesUnder = (dir: string): { path: string; bytes: Buffer }[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
const occurrences = (dir: string) =>
  filesUnder(dir).flatMap(({ path, bytes }) => PLANTED.filter((p) => bytes.includes(p)).map((p) => `${p} in ${path.slice(dir.length)}`));

describe('Erasing a patient on the production stack (RabbitMQ, FerretDB, one process per service)', function () {
  this.timeout(180_000);
  let f: StackFixture;
  const exports = tempDir('hcms-stack-exports-');
  before(async () => (f = await startStackFixture({ HCMS_RETENTION_YEARS: '0' })));
  after(async () => (await f?.close(), exports.remove()));

  /** Every document of every read model the stack keeps, as text. */
  const readModelText = async (): Promise<string> => {
    const client = await MongoClient.connect(`${requiredEnv('HCMS_TEST_MONGODB_URL')}${f.namespace}`);
    try {
      const db = client.db();
      const texts = await Promise.all(
        (await db.listCollections().toArray()).map(async ({ name }) => JSON.stringify(await db.collection(name).find().toArray())),
      );
      return texts.join('\n');
    } finally {
      await client.close();
    }
  };
  const exportNow = async (name: string) => {
    const c = platformContainer(loadConfig({ HCMS_DATA_DIR: f.dataDir, HCMS_LOG_LEVEL: 'silent' }));
    const [store, auditLog, seal, key] = await Promise.all([
      c.getAsync(T.LogStore),
      c.getAsync(T.AuditLog),
      c.getAsync(T.SealStore),
      c.getAsync(T.SigningKey),
    ]);
    const head = await store.headPosition();
    await eventually(() => (seal.latestCheckpoint('events')?.size ?? 0) >= head, 'the relay to seal the log', 30_000);
    const out = join(exports.path, name);
    await exportRecord({ store, auditLog, seal, key, clock: systemClock }, { out, filter: {} });
    await Promise.all([store.close(), auditLog.close(), seal.close()]);
    return { out, publicKey: createPublicKey(key) };
  };

  it('leaves none of their personal data in the data directory, the read models or a new export; both exports verify', async () => {
    const [givenName, familyName, email, substance, reaction] = PLANTED as [string, string, string, string, string];
    const registered = await f.call('POST', '/patients', { givenName, familyName, email, dateOfBirth: '1969-07-20', sex: 'other' });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const patientId = String(registered.body['patientId']);
    expect((await f.call('POST', `/patients/${patientId}/allergies`, { substance, reaction, severity: 'mild' })).status).to.equal(201);
    await f.expectExactReadModels([patientId]);
    expect(await readModelText()).to.include(familyName);
    expect(occurrences(f.dataDir), 'the log holds ciphertext only').to.deep.equal([]);
    const before = await exportNow('before');

    const erased = await f.call('POST', `/patients/${patientId}/erase`, { reason: 'patient-request' }, 'admin');
    expect(erased.status, JSON.stringify(erased.body)).to.equal(200);
    await eventually(async () => (await f.call('GET', `/patients/${patientId}`)).status === 410, 'reads to answer 410', 30_000);
    await eventually(
      async () => {
        const text = await readModelText();
        return !PLANTED.some((p) => text.includes(p));
      },
      'the read models to drop the patient',
      30_000,
    );
    expect(occurrences(f.dataDir)).to.deep.equal([]);
    const after = await exportNow('after');
    expect(occurrences(after.out)).to.deep.equal([]);
    for (const { out, publicKey } of [before, after]) expect((await verifyExport(out, publicKey)).ok, out).to.equal(true);
    const prior = readFileSync(join(before.out, 'events.checkpoint'), 'utf8');
    expect((await verifyExport(after.out, after.publicKey, prior)).ok).to.equal(true);
  });
});
