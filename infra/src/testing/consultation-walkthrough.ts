import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { Role, StoredEvent } from '@hcms/shared-kernel';
import { eventually } from './fixtures.js';

// Response bodies are asserted field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** The platform as a client sees it, wherever it runs: HTTP with a token per role, and what reached the bus. */
export interface ConsultationClient {
  call(method: string, path: string, body: unknown, token: string): Promise<{ status: number; body: Body }>;
  token(role: Role, sub: string): Promise<string>;
  /** Every event published on the bus since the walkthrough began, as a consumer of the contract sees it. */
  published(): readonly StoredEvent[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const nextHalfHour = () => new Date(Math.ceil((Date.now() + 3_600_000) / 1_800_000) * 1_800_000).toISOString();

/**
 * A consultation from check-in to signature, as a clinic runs it: the appointment checked in, the
 * encounter opened from it, vitals (a weight in pounds), a diagnosis put on the problem list, a
 * prescription refused for an allergy and then given with a reason, a lab order, the signature,
 * and what follows from it: the appointment completed and Billing's event on the bus.
 */
export const walkThroughConsultation = async (client: ConsultationClient): Promise<void> => {
  const [admin, desk, doctor, otherDoctor] = await Promise.all([
    client.token('admin', 'admin-walk'),
    client.token('receptionist', 'desk-walk'),
    client.token('clinician', 'dr-walk'),
    client.token('clinician', 'dr-other'),
  ]);
  const ok = async (method: string, path: string, body: unknown, token: string, status = 200) => {
    const r = await client.call(method, path, body, token);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).to.equal(status);
    return r.body;
  };

  const provider = await ok('POST', '/providers', { name: 'Dr Walk', specialty: 'family medicine', timeZone: 'UTC' }, admin, 201);
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:30' }));
  await ok('PUT', `/providers/${provider.providerId}/availability`, { hours, slotMinutes: 30 }, admin);
  const registered = await ok(
    'POST',
    '/patients',
    { givenName: 'Ada', familyName: 'Walkthrough', dateOfBirth: '1970-03-04', sex: 'female' },
    desk,
    201,
  );
  const patientId: string = registered.patientId;
  await ok('POST', `/patients/${patientId}/allergies`, { substance: 'Penicillin', reaction: 'Hives', severity: 'moderate' }, doctor, 201);
  const booking = { patientId, providerId: provider.providerId, start: nextHalfHour(), minutes: 30, reason: 'cough', type: 'in-person' };
  let appointment: Body;
  await eventually(
    async () => {
      // Appointments learns of the patient from Patients' events: a moment after registration.
      const r = await client.call('POST', '/appointments', booking, desk);
      appointment = r.body;
      return r.status === 201;
    },
    'the booking',
    15_000,
  );
  const appointmentId: string = appointment.appointmentId;
  await ok('POST', `/appointments/${appointmentId}/check-in`, undefined, desk);

  const today = new Date().toISOString().slice(0, 10);
  const opened = await ok(
    'POST',
    `/patients/${patientId}/encounters`,
    { origin: { kind: 'appointment', appointmentId }, dateOfService: today },
    doctor,
    201,
  );
  const encounter = `/patients/${patientId}/encounters/${opened.encounterId}`;
  const again = await client.call('POST', `/patients/${patientId}/encounters`, { origin: { kind: 'appointment', appointmentId } }, doctor);
  expect([again.status, again.body.error, again.body.details?.encounterId]).to.deep.equal([
    409,
    'ENCOUNTER_ALREADY_OPEN',
    opened.encounterId,
  ]);

  await ok('PUT', `${encounter}/note/subjective`, { text: 'Cough for five days, no fever.' }, doctor);
  const vitals = [
    { kind: 'body-weight', value: 176.37, unit: '[lb_av]' },
    { kind: 'body-height', value: 180, unit: 'cm' },
    { kind: 'systolic-blood-pressure', value: 128, unit: 'mm[Hg]' },
    { kind: 'diastolic-blood-pressure', value: 82, unit: 'mm[Hg]' },
  ];
  await ok('POST', `${encounter}/vitals`, { vitals }, doctor, 201);
  const badUnit = await client.call('POST', `${encounter}/vitals`, { vitals: [{ kind: 'body-weight', value: 80, unit: 'lbs' }] }, doctor);
  expect([badUnit.status, badUnit.body.problems?.[0]?.path]).to.deep.equal([422, 'body.vitals.0.unit']);

  const primary = await ok('POST', `${encounter}/diagnoses`, { code: 'J20.9' }, doctor, 201);
  await ok('POST', `${encounter}/diagnoses`, { code: 'E11.9', primary: false }, doctor, 201);
  const notBillable = await client.call('POST', `${encounter}/diagnoses`, { code: 'E11' }, doctor);
  expect([notBillable.status, notBillable.body.error]).to.deep.equal([422, 'ICD10CM_NOT_BILLABLE']);
  const promoted = await ok('POST', `${encounter}/diagnoses/${primary.diagnosisId}/promote`, undefined, doctor, 201);

  const amoxicillin = {
    medication: 'Amoxicillin 500 mg capsule',
    dosage: { dose: { value: 500, unit: 'mg' }, route: 'oral', frequency: 'three-times-daily', duration: { value: 7, unit: 'd' } },
    startDate: today,
  };
  const refused = await client.call('POST', `${encounter}/prescriptions`, amoxicillin, doctor);
  expect([refused.status, refused.body.error, refused.body.details?.conflicts?.[0]?.matchedBy]).to.deep.equal([
    409,
    'ALLERGY_CONFLICT',
    'drug-class',
  ]);
  const overridden = { ...amoxicillin, overrideReason: 'Tolerated amoxicillin in 2024 without reaction' };
  const prescribed = await ok('POST', `${encounter}/prescriptions`, overridden, doctor, 201);
  const labOrder = await ok('POST', `${encounter}/lab-orders`, { tests: ['58410-2'], priority: 'routine' }, doctor, 201);

  // A signature covers the encounter as the signer last read it: any change since is refused.
  const stale = await client.call('POST', `${encounter}/sign`, { evaluationAndManagement: '99213', version: prescribed.version }, doctor);
  expect([stale.status, stale.body.error]).to.deep.equal([409, 'ENCOUNTER_CHANGED']);
  const notHis = await client.call(
    'POST',
    `${encounter}/sign`,
    { evaluationAndManagement: '99213', version: labOrder.version },
    otherDoctor,
  );
  expect([notHis.status, notHis.body.error]).to.deep.equal([403, 'NOT_ENCOUNTER_CLINICIAN']);
  const signed = await ok('POST', `${encounter}/sign`, { evaluationAndManagement: '99213', version: labOrder.version }, doctor);
  const locked = await client.call('PUT', `${encounter}/note/plan`, { text: 'Changed after signing' }, doctor);
  expect([locked.status, locked.body.error]).to.deep.equal([409, 'ENCOUNTER_SIGNED']);

  // What others learn from the bus: Laboratory the order, Billing the signed services.
  await eventually(() => client.published().some((e) => e.type === 'consultations.EncounterSigned'), 'EncounterSigned on the bus', 15_000);
  const lab = client.published().find((e) => e.type === 'consultations.LabOrdered');
  expect(lab?.data).to.deep.include({ labOrderId: labOrder.labOrderId, patientId, priority: 'routine' });
  const billed = client.published().find((e) => e.type === 'consultations.EncounterSigned');
  expect(billed?.data).to.deep.include({ encounterId: opened.encounterId, appointmentId });
  expect((billed?.data as Body).services).to.deep.equal([{ system: 'CPT', code: '99213', kind: 'evaluation-and-management' }]);

  // The appointment it came from is completed; the diagnosis is on the problem list.
  await eventually(
    async () => {
      const { body } = await client.call('GET', `/patients/${patientId}/appointments`, undefined, desk);
      return [...(body.upcoming ?? []), ...(body.past ?? [])].find((a: Body) => a.appointmentId === appointmentId)?.status === 'completed';
    },
    'the appointment completed',
    15_000,
  );
  await eventually(
    async () => {
      const chart = await client.call('GET', `/patients/${patientId}`, undefined, doctor);
      return chart.body.medicalHistory?.some((h: Body) => h.entryId === promoted.entryId && h.icd10Code === 'J20.9') === true;
    },
    'the diagnosis in the medical history',
    15_000,
  );

  const detail = await ok('GET', `${encounter}?minPosition=${signed.position}`, undefined, doctor);
  expect(detail.status).to.equal('signed');
  const signedVersion = detail.versions[0];
  expect(sha256(signedVersion.content)).to.equal(signedVersion.contentHash);
  const weight = detail.vitals[0].observations.find((o: Body) => o.kind === 'body-weight');
  expect([weight.canonicalValue, weight.canonicalUnit]).to.deep.equal([80, 'kg']);
  expect(detail.vitals[0].observations.find((o: Body) => o.kind === 'body-mass-index')?.value).to.equal(24.7);
  expect(detail.prescriptions.find((p: Body) => p.prescriptionId === prescribed.prescriptionId)?.allergyCheck.status).to.equal(
    'overridden',
  );

  const amended = await ok(
    'POST',
    `${encounter}/amendments`,
    {
      reason: 'Fever was reported at triage',
      sections: { subjective: 'Cough for five days, fever of 38.2 Cel.' },
      version: signed.version,
    },
    doctor,
    201,
  );
  const after = await ok('GET', `${encounter}?minPosition=${amended.position}`, undefined, doctor);
  expect(after.status).to.equal('amended');
  expect(after.versions[0].content).to.equal(signedVersion.content);
  expect(after.versions).to.have.length(2);

  // The patient reads their own signed note.
  const own = await client.token('patient', patientId);
  const mine = await ok('GET', `${encounter}?minPosition=${amended.position}`, undefined, own);
  expect(mine.versions[0].contentHash).to.equal(signedVersion.contentHash);
};
