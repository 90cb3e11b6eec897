import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesFound, exportWhenSealed } from '../testing/erasure-checks.js';
import { MongoClient } from 'mongodb';
import { verifyExport } from '../integrity/export/verify-export.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { requiredEnv } from '../testing/servers.js';
import { startStackFixture, type StackFixture } from './stack-fixture.js';

const PLANTED = ['Ottoline', 'Brackenbury', 'otto.brackenbury@example.org', 'Quassiawood', 'Cerulean blotches'];

const occurrences = (dir: string) => bytesFound(dir, PLANTED);

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
    const out = join(exports.path, name);
    return { out, ...(await exportWhenSealed(f.dataDir, out)) };
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
