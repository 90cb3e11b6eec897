import { expect } from 'chai';
import { jwtTokenService } from '../auth/jwt.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { startRole } from '../roles/roles.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { OutageReadStore } from '../testing/outage-read-store.js';
import { platformContainer } from './container.js';
import { T } from './tokens.js';

describe('A read store outage during a write', function () {
  this.timeout(60_000);
  const dir = tempDir();
  let outage: OutageReadStore;
  let url: string;
  let stop: () => Promise<void>;
  let clinician: string;
  let admin: string;

  before(async () => {
    const config = loadConfig({ HCMS_DATA_DIR: dir.path, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent' });
    const c = platformContainer(config);
    outage = new OutageReadStore(new SqliteReadStore(openDatabase(config.readStore, 'normal')));
    c.unbind(T.ReadStore);
    c.bind(T.ReadStore).toConstantValue(outage);
    const platform = await startRole(c, 'all');
    [url, stop] = [platform.url, () => platform.stop()];
    const tokens = jwtTokenService(config.jwtSecret, config.jwtIssuer, 600);
    [clinician, admin] = await Promise.all([tokens.issue('dr-outage', 'clinician'), tokens.issue('ops-1', 'admin')]);
  });
  after(async () => {
    outage.down = false;
    await stop();
    dir.remove();
  });

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // Bodies are asserted field by field.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as any };
  };

  it('answers reads at that position with an error naming the parked event until it is replayed, then with the write', async () => {
    const registered = await call('POST', '/patients', clinician, {
      givenName: 'Out',
      familyName: 'Age',
      dateOfBirth: '1980-03-03',
      sex: 'female',
    });
    expect(registered.status).to.equal(201);
    const patientId = registered.body.patientId as string;
    expect((await call('GET', `/patients/${patientId}?minPosition=${registered.body.position}`, clinician)).status).to.equal(200);

    outage.down = true;
    const allergy = await call('POST', `/patients/${patientId}/allergies`, clinician, {
      substance: 'Latex',
      reaction: 'Hives',
      severity: 'moderate',
    });
    expect(allergy.status, 'the write goes to the event log, which is up').to.equal(201);
    const chart = `/patients/${patientId}?minPosition=${allergy.body.position}`;
    await eventually(
      async () => (await call('GET', chart, clinician)).body.error === 'READ_MODEL_STALLED',
      'the event to be parked',
      30_000,
    );
    outage.down = false;

    // Back up, but the read model has not applied the allergy: it must not answer as if it had.
    const stalled = await call('GET', chart, clinician);
    expect(stalled.status).to.equal(503);
    expect(stalled.body.error).to.equal('READ_MODEL_STALLED');
    expect(stalled.body.details.deadLetter).to.include({ type: 'patients.AllergyRecorded', position: allergy.body.position });
    const models = (await call('GET', '/read-models', admin)).body.readModels as { name: string; position: number; parked: unknown[] }[];
    const detail = models.find((m) => m.name === 'patient-detail');
    expect(detail?.position).to.be.below(allergy.body.position);
    expect(detail?.parked).to.have.length(1);
    await eventually(
      async () =>
        ((await call('GET', '/dead-letters', admin)).body.items as { group: string }[]).some(
          (i) => i.group === 'projection.patient-detail',
        ),
      'the dead letter on record',
    );

    const replayed = await call('POST', '/dead-letters/replay', admin, {});
    expect(replayed.body.replayed).to.be.at.least(1);
    await eventually(async () => (await call('GET', chart, clinician)).status === 200, 'the replayed allergy', 10_000);
    const healed = await call('GET', chart, clinician);
    expect(healed.body.allergies.map((a: { substance: string }) => a.substance)).to.deep.equal(['Latex']);
    // Every read model that parked it has its own replay to take; each within a second.
    await eventually(async () => (await call('GET', '/dead-letters', admin)).body.count === 0, 'no dead letter left', 10_000);
  });
});
