import { expect } from 'chai';
import type { Role, StoredEvent } from '@hcms/shared-kernel';
import { eventually } from './fixtures.js';
import { oruR01, type ReceivedAck } from './hl7.js';
import { openWalkIn } from './walk-in.js';
import type { ReceivedMail } from './smtp-inbox.js';

// Response bodies are asserted field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** The platform as a laboratory and its clinicians see it, wherever it runs. */
export interface LabClient {
  call(method: string, path: string, body: unknown, token: string): Promise<{ status: number; body: Body }>;
  token(role: Role, sub: string): Promise<string>;
  /** Every event published on the bus since the walkthrough began, as a consumer of the contract sees it. */
  published(): readonly StoredEvent[];
  /** Sends an HL7 v2 message to Laboratory's MLLP listener; its ACK. */
  hl7(message: string): Promise<ReceivedAck>;
  /** What the SMTP server has received so far. */
  mail(): readonly ReceivedMail[];
  /** The ordering clinician, as the staff directory knows them, and the on-call contact, who is alerted after them. */
  readonly clinician: { readonly sub: string; readonly email: string };
  readonly onCall: { readonly email: string };
  /** Stops every process of the platform and starts them again on the same data (between two alert rounds). */
  restart(): Promise<void>;
}

const POTASSIUM = '2823-3';
const GLUCOSE = '2345-7';

/** The mails the SMTP server took for `to`. */
const mailTo = (client: LabClient, to: string) => client.mail().filter((m) => m.to.includes(to));

/**
 * A critical potassium from an encounter's order to the clinician's callback: the specimen
 * collected and received, the analyser's result over MLLP, verification by a second technician,
 * the clinician alerted by e-mail and again until the laboratory records the read-back, a restart
 * between two rounds, and the patient told results are ready without a value.
 */
export const walkThroughCriticalPotassium = async (client: LabClient): Promise<void> => {
  const [desk, doctor, ann, bo, admin] = await Promise.all([
    client.token('receptionist', 'desk-lab'),
    client.token('clinician', client.clinician.sub),
    client.token('lab-technician', 'tech-ann'),
    client.token('lab-technician', 'tech-bo'),
    client.token('admin', 'admin-lab'),
  ]);
  const ok = async (method: string, path: string, body: unknown, token: string, status = 200) => {
    const r = await client.call(method, path, body, token);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).to.equal(status);
    return r.body;
  };

  const patientEmail = `lab-patient-${Date.now()}@example.org`;
  const registered = await ok(
    'POST',
    '/patients',
    { givenName: 'Kal', familyName: 'Iumhigh', dateOfBirth: '1961-05-06', sex: 'male', email: patientEmail },
    desk,
    201,
  );
  const patientId: string = registered.patientId;
  await ok('POST', `/patients/${patientId}/contact-preferences`, { preferred: 'email', optOut: false }, desk);
  const today = new Date().toISOString().slice(0, 10);
  const encounter = await openWalkIn((...args) => client.call(...args), patientId, doctor, today);
  const ordered = await ok('POST', `${encounter}/lab-orders`, { tests: [POTASSIUM], priority: 'stat' }, doctor, 201);
  const order = `/patients/${patientId}/lab-orders/${ordered.labOrderId}`;

  // Laboratory takes the encounter's order from the bus, under the same id.
  await eventually(async () => (await client.call('GET', order, undefined, ann)).body?.status === 'ordered', 'the lab order', 15_000);
  const worklist = await ok('GET', '/lab/worklist', undefined, ann);
  expect(worklist.items.find((i: Body) => i.labOrderId === ordered.labOrderId)).to.deep.include({ priority: 'stat', status: 'ordered' });

  const collected = await ok('POST', `${order}/specimens`, { specimenType: 'serum', collectedAt: new Date().toISOString() }, ann, 201);
  const accessionNumber: string = collected.accessionNumber;
  await ok('POST', `${order}/specimens/${accessionNumber}/receive`, undefined, ann);

  // A malformed message is refused and leaves nothing behind.
  const headBefore = (await ok('GET', '/read-models', undefined, admin)).head as number;
  const malformed = await client.hl7(
    oruR01({ controlId: 'LAB-BAD-1', accessionNumber, observations: [{ code: POTASSIUM, value: '6.8', unit: 'mmol/L' }] }).replace(
      /\rOBR\|[^\r]*/,
      '',
    ),
  );
  expect([malformed.code, malformed.controlId]).to.deep.equal(['AE', 'LAB-BAD-1']);
  expect(malformed.text).to.match(/OBR/);
  expect((await ok('GET', '/read-models', undefined, admin)).head).to.equal(headBefore);

  // A message naming another patient for this tube is taken (AA) and parked, never filed on Kal's record.
  const potassium = [{ code: POTASSIUM, name: 'Potassium', value: '6.8', unit: 'mmol/L' }];
  const stranger = await client.hl7(
    oruR01({ controlId: 'LAB-PID-1', accessionNumber, patientMrn: 'MRN-NOT-KAL', observations: potassium }),
  );
  expect(stranger.code).to.equal('AA');
  let parked: Body;
  await eventually(
    async () => {
      parked = (await client.call('GET', '/lab/parked-results', undefined, ann)).body?.items?.find(
        (p: Body) => p.messageControlId === 'LAB-PID-1',
      );
      return parked !== undefined;
    },
    'the mismatched results parked',
    15_000,
  );
  expect(parked).to.deep.include({ reason: 'patient-mismatch', status: 'parked' });
  await ok('POST', `/lab/parked-results/${parked.parkedId}/discard`, { reason: 'Another hospital’s patient' }, ann);

  // The analyser's result, sent twice (a lost ACK): entered once.
  const result = oruR01({ controlId: 'LAB-K-1', accessionNumber, patientMrn: registered.mrn, observations: potassium });
  expect((await client.hl7(result)).code).to.equal('AA');
  expect((await client.hl7(result)).code).to.equal('AA');
  let entered: Body;
  await eventually(
    async () => {
      entered = (await client.call('GET', order, undefined, bo)).body;
      return entered?.status === 'resulted';
    },
    'the result entered',
    15_000,
  );
  expect(entered.reports).to.have.length(1);
  expect(entered.reports[0].results).to.have.length(1);
  expect(entered.reports[0].results[0]).to.deep.include({ code: POTASSIUM, flag: 'HH', critical: true });
  expect(entered.reports[0].results[0].value).to.deep.include({ kind: 'numeric', value: 6.8, unit: 'mmol/L' });

  // Verified by a second technician: final, and the clinician is alerted.
  await ok('POST', `${order}/verify`, { version: entered.version }, bo);
  let final: Body;
  await eventually(
    async () => {
      final = (await client.call('GET', order, undefined, doctor)).body;
      return final?.status === 'final' && final.criticalAlerts?.length === 1;
    },
    'the final report',
    15_000,
  );
  const alertId: string = final.criticalAlerts[0].alertId;
  const doctorMail = () => mailTo(client, client.clinician.email);
  const alerts = () => [...doctorMail(), ...mailTo(client, client.onCall.email)];
  await eventually(() => doctorMail().length >= 2, 'the alert sent and repeated', 30_000);

  // A restart between two rounds; then, nobody having answered, the on-call contact is alerted.
  await client.restart();
  await eventually(() => mailTo(client, client.onCall.email).length >= 1, 'the on-call contact alerted', 30_000);
  const ids = alerts().map((m) => m.messageId);
  expect(new Set(ids).size, 'each round sent once').to.equal(ids.length);
  for (const mail of alerts()) expect(mail.raw).not.to.match(/6\.8|Potassium|Iumhigh/i);

  // An unconfirmed call changes nothing; a read-back ends the escalation.
  const calledAt = new Date().toISOString();
  await ok(
    'POST',
    `${order}/critical-callbacks`,
    { alertId, reached: { name: 'Dr Lab', role: 'ordering-clinician' }, readBack: false, calledAt },
    bo,
  );
  await ok(
    'POST',
    `${order}/critical-callbacks`,
    { alertId, reached: { name: 'Dr Lab', role: 'ordering-clinician' }, readBack: true, calledAt },
    bo,
  );
  await eventually(
    async () => (await client.call('GET', order, undefined, doctor)).body?.criticalAlerts?.[0]?.status === 'closed',
    'the alert closed',
    15_000,
  );
  // A round already being sent may still arrive; none after it.
  await new Promise((r) => setTimeout(r, 1500));
  const settled = alerts().length;
  await new Promise((r) => setTimeout(r, 3000));
  expect(alerts().length, 'no round after the read-back').to.equal(settled);

  // The patient hears that results are ready, and nothing of them.
  await eventually(() => mailTo(client, patientEmail).length >= 1, 'the patient told', 30_000);
  for (const mail of mailTo(client, patientEmail)) expect(mail.raw).not.to.match(/6\.8|Potassium|2823-3|critical/i);

  // Billing's charge capture hears of the report.
  await eventually(
    () => client.published().some((e) => e.type === 'laboratory.LabResultFinalized'),
    'LabResultFinalized on the bus',
    15_000,
  );
  const finalized = client.published().find((e) => e.type === 'laboratory.LabResultFinalized');
  expect(finalized?.data).to.deep.include({ labOrderId: ordered.labOrderId, patientId, status: 'final', verifiedBy: 'tech-bo' });

  // The chart shows the result with its flag.
  const chart = await ok('GET', `/patients/${patientId}/clinical-chart`, undefined, doctor);
  expect(chart.labResults?.find((r: Body) => r.code === POTASSIUM)).to.deep.include({ flag: 'HH' });
};

/** Separation of duties: the technician who entered a result cannot verify it; another can. */
export const walkThroughSeparationOfDuties = async (client: LabClient): Promise<void> => {
  const [desk, doctor, ann, bo] = await Promise.all([
    client.token('receptionist', 'desk-lab'),
    client.token('clinician', client.clinician.sub),
    client.token('lab-technician', 'tech-ann'),
    client.token('lab-technician', 'tech-bo'),
  ]);
  const ok = async (method: string, path: string, body: unknown, token: string, status = 200) => {
    const r = await client.call(method, path, body, token);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).to.equal(status);
    return r.body;
  };
  const registered = await ok(
    'POST',
    '/patients',
    { givenName: 'Glen', familyName: 'Cose', dateOfBirth: '1990-01-02', sex: 'female' },
    desk,
    201,
  );
  const patientId: string = registered.patientId;
  let placed: Body;
  await eventually(
    async () => {
      const r = await client.call('POST', `/patients/${patientId}/lab-orders`, { tests: [GLUCOSE] }, doctor);
      placed = r.body;
      return r.status === 201;
    },
    'the direct order',
    15_000,
  );
  const order = `/patients/${patientId}/lab-orders/${placed.labOrderId}`;
  // A pre-printed label: sent again, a retry; on another order's specimen, refused.
  const label = `LBL-${Date.now().toString(36).toUpperCase()}`;
  const specimen = { specimenType: 'serum', collectedAt: new Date().toISOString(), accessionNumber: label };
  const collected = await ok('POST', `${order}/specimens`, specimen, ann, 201);
  expect(collected.accessionNumber).to.equal(label);
  expect((await ok('POST', `${order}/specimens`, specimen, ann, 201)).version).to.equal(collected.version);
  const other = await ok('POST', `/patients/${patientId}/lab-orders`, { tests: [GLUCOSE] }, doctor, 201);
  const reused = await client.call('POST', `/patients/${patientId}/lab-orders/${other.labOrderId}/specimens`, specimen, ann);
  expect([reused.status, reused.body.error]).to.deep.equal([409, 'ACCESSION_IN_USE']);
  await ok('POST', `${order}/specimens/${collected.accessionNumber}/receive`, undefined, ann);
  const entered = await ok(
    'POST',
    `${order}/results`,
    { accessionNumber: collected.accessionNumber, results: [{ code: GLUCOSE, value: 95 }] },
    ann,
  );
  const own = await client.call('POST', `${order}/verify`, { version: entered.version }, ann);
  expect([own.status, own.body.error]).to.deep.equal([403, 'SAME_USER_VERIFICATION']);
  await ok('POST', `${order}/verify`, { version: entered.version }, bo);
};
