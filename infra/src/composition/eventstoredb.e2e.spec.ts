import { expect } from 'chai';
import { verifyInclusion } from '@hcms/shared-kernel';
import { EventStoreDbTestServer } from '../testing/eventstoredb-test-server/eventstoredb-test-server.js';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { eventually, tempDir } from '../testing/fixtures.js';

describe('The platform on the EventStoreDB adapter (protocol test server)', function () {
  this.timeout(60_000);
  const dir = tempDir();
  let server: EventStoreDbTestServer;
  let app: RunningApp;
  before(async () => {
    server = await EventStoreDbTestServer.start();
    app = await startApp(dir.path, { HCMS_EVENT_STORE: server.connectionString });
  });
  after(async () => {
    await app?.stop();
    await server?.stop();
    dir.remove();
  });

  it('registers a patient, shows it in the read models and lists its history from the log', async () => {
    const token = await app.token('receptionist', 'desk-9');
    const registered = await app.call('POST', '/patients', {
      token,
      body: { givenName: 'Kurt', familyName: 'Gödel', dateOfBirth: '1906-04-28', sex: 'male' },
    });
    expect(registered.status).to.equal(201);
    const { patientId, position } = registered.body;
    const found = await app.call('GET', `/patients?name=godel&minPosition=${position}`, { token });
    expect(found.body.items.map((p: { patientId: string }) => p.patientId)).to.deep.equal([patientId]);
    const history = await app.call('GET', `/patients/${patientId}/history`, { token: await app.token('auditor') });
    expect(history.body.events[0]).to.deep.include({
      type: 'patients.PatientRegistered',
      version: 1,
      actor: { id: 'desk-9', role: 'receptionist' },
    });
    expect(server.log.all.some((e) => e.streamName.toString() === `patient-${patientId}`)).to.equal(true);
  });

  it('seals the log it reads from EventStoreDB, its personal fields encrypted there, and proves an event in the checkpoint', async () => {
    const token = await app.token('receptionist');
    const registered = await app.call('POST', '/patients', {
      token,
      body: { givenName: 'Emmy', familyName: 'Noetherine', dateOfBirth: '1882-03-23', sex: 'female' },
    });
    expect(registered.status).to.equal(201);
    const stored = server.log.all.filter((e) => e.streamName.toString() === `patient-${String(registered.body.patientId)}`);
    expect(stored.length).to.be.greaterThan(0);
    expect(
      stored.some((e) => Buffer.from(e.data).toString().includes('Noetherine')),
      'plaintext on the server',
    ).to.equal(false);
    const auditor = await app.token('auditor');
    const inclusion = () => app.call('GET', `/integrity/events/inclusion?position=${String(registered.body.position)}`, { token: auditor });
    await eventually(async () => (await inclusion()).status === 200, 'a signed checkpoint covering the registration');
    const proof = await inclusion();
    const {
      leafHash,
      index,
      size,
      proof: path,
      checkpoint,
    } = proof.body as { leafHash: string; index: number; size: number; proof: string[]; checkpoint: string };
    const root = Buffer.from(checkpoint.split('\n')[2] ?? '', 'base64');
    const b64 = (s: string) => Buffer.from(s, 'base64');
    expect(verifyInclusion(b64(leafHash), index, size, path.map(b64), root), 'the proof holds').to.equal(true);
  });
});
