import { expect } from 'chai';
import { EventStoreDbTestServer } from '../testing/eventstoredb-test-server/eventstoredb-test-server.js';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { tempDir } from '../testing/fixtures.js';

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
});
