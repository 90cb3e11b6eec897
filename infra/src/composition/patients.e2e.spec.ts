import { expect } from 'chai';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { tempDir } from '../testing/fixtures.js';

const ada = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' };

describe('Patients over HTTP (embedded platform)', function () {
  this.timeout(60_000);
  const dir = tempDir();
  let app: RunningApp;
  let reception: string;
  let clinician: string;
  before(async () => {
    app = await startApp(dir.path);
    reception = await app.token('receptionist', 'frontdesk-7');
    clinician = await app.token('clinician', 'dr-house');
  });
  after(async () => {
    await app.stop();
    dir.remove();
  });

  describe('registering, finding and auditing a patient', () => {
    let patientId: string;
    let position: number;

    it('registers a patient and assigns an MRN', async () => {
      const res = await app.call('POST', '/patients', { token: reception, body: ada });
      expect(res.status).to.equal(201);
      expect(res.body.mrn).to.match(/^MRN-\d{8}$/);
      ({ patientId, position } = res.body);
      expect(position).to.be.greaterThan(0);
    });

    it('finds the patient by family-name prefix, in any case, once the read model has the position', async () => {
      const res = await app.call('GET', `/patients?name=LOVE&minPosition=${position}`, { token: clinician });
      expect(res.status).to.equal(200);
      expect(res.body.items.map((p: { patientId: string }) => p.patientId)).to.include(patientId);
      expect(res.body.position).to.be.at.least(position);
    });

    it('shows the detail with allergies after a clinician records one', async () => {
      const allergy = await app.call('POST', `/patients/${patientId}/allergies`, {
        token: clinician,
        body: { substance: 'Penicillin', reaction: 'Anaphylaxis', severity: 'life-threatening' },
      });
      expect(allergy.status).to.equal(201);
      const res = await app.call('GET', `/patients/${patientId}?minPosition=${allergy.body.position}`, { token: clinician });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ patientId, status: 'active' });
      expect(res.body.demographics).to.deep.include({ familyName: 'Lovelace' });
      expect(res.body.allergies).to.have.length(1);
      expect(res.body.allergies[0]).to.include({ substance: 'Penicillin', status: 'active' });
    });

    it('lists the history from the event log, with the actor of each event', async () => {
      const res = await app.call('GET', `/patients/${patientId}/history`, { token: await app.token('auditor', 'auditor-1') });
      expect(res.status).to.equal(200);
      expect(res.body.events.map((e: { type: string }) => e.type)).to.deep.equal([
        'patients.PatientRegistered',
        'patients.AllergyRecorded',
      ]);
      expect(res.body.events[0].actor).to.deep.equal({ id: 'frontdesk-7', role: 'receptionist' });
      expect(res.body.events[1].actor).to.deep.equal({ id: 'dr-house', role: 'clinician' });
    });

    it('answers the history as of a past moment', async () => {
      const all = (await app.call('GET', `/patients/${patientId}/history`, { token: clinician })).body.events;
      const asOf = encodeURIComponent(all[0].recordedAt);
      const res = await app.call('GET', `/patients/${patientId}/history?asOf=${asOf}`, { token: clinician });
      expect(res.body.events.length).to.be.at.least(1).and.at.most(all.length);
      expect(res.body.events[0].type).to.equal('patients.PatientRegistered');
    });

    it('flags a possible duplicate instead of registering the same person twice', async () => {
      const res = await app.call('POST', '/patients', { token: reception, body: { ...ada, givenName: 'ADA '.trim() } });
      expect(res.status).to.equal(409);
      expect(res.body.error).to.equal('POSSIBLE_DUPLICATE');
      expect(res.body.details.candidates).to.include(patientId);
      const confirmed = await app.call('POST', '/patients', { token: reception, body: { ...ada, notADuplicate: true } });
      expect(confirmed.status).to.equal(201);
      expect(confirmed.body.possibleDuplicateOf).to.deep.equal([patientId]);
    });

    it('leaves an MRN carried over from another system free when the registration is refused as a possible duplicate', async () => {
      const carried = { ...ada, mrn: 'LEGACY-770001' };
      const refused = await app.call('POST', '/patients', { token: reception, body: carried });
      expect(refused.body.error).to.equal('POSSIBLE_DUPLICATE');
      const confirmed = await app.call('POST', '/patients', { token: reception, body: { ...carried, notADuplicate: true } });
      expect(confirmed.status).to.equal(201);
      expect(confirmed.body.mrn).to.equal('LEGACY-770001');
    });

    it('reports how far each read model has got', async () => {
      const res = await app.call('GET', '/read-models', { token: clinician });
      expect(res.status).to.equal(200);
      expect(res.body.readModels.map((m: { name: string }) => m.name)).to.include.members(['patient-list', 'patient-detail']);
    });

    it('serves the API document with every route', async () => {
      const res = await app.call('GET', '/docs/json');
      expect(res.status).to.equal(200);
      expect(res.body.paths).to.have.property('/patients');
      expect(res.body.paths['/patients'].post.requestBody).to.exist;
      expect(res.body.paths['/patients/{patientId}/allergies'].post.responses).to.have.property('422');
    });
  });
});
