import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { wireType } from '@hcms/shared-kernel';
import { parkedResultEvents, parkedResultStream, STARTER_CATALOGUE, catalogueEvents, labTestStream } from '@hcms/laboratory/contract';
import { OTHER_PATIENT, PATIENT } from '../encounters/encounter.fixtures.js';
import { patientDetailProjection } from '../patient-detail/patient-detail.projection.js';
import { labBenchRoutes } from './lab-bench.routes.js';
import { labCatalogueProjection } from './lab-catalogue.projection.js';
import { labOrderProjection } from './lab-order.projection.js';
import {
  awaitingCallback,
  collected,
  correctedOrder,
  entered,
  labStream,
  placed,
  potassium,
  received,
  TECH,
} from './lab-order.fixtures.js';
import { labQueryRoutes } from './lab.routes.js';
import { parkedResultsProjection } from './parked-results.projection.js';
import { bodyOf, caller, memoryReadModels, patientEventsOf, statusOf } from '../read-models.fixtures.js';

const [CORRECTED, PENDING, CANCELLED, ERASED_ORDER] = [1, 2, 3, 4].map((n) => `0190f5c2-0000-7000-8000-0000000003c${n}`) as [
  string,
  string,
  string,
  string,
];
/** Final, its critical alert not answered yet: no work left for the bench but a call. */
const AWAITING = '0190f5c2-0000-7000-8000-0000000003c5';
const PARKED = '0190f5c2-0000-7000-8000-0000000003d1';
const NOBODY = '0190f5c2-0000-7000-8000-00000000000c';

const { deps, store, record, stalled } = memoryReadModels();
record(patientEventsOf(PATIENT), patientDetailProjection);
record(patientEventsOf(OTHER_PATIENT, true), patientDetailProjection);
record(labStream(CORRECTED, correctedOrder(CORRECTED)), labOrderProjection);
record(
  labStream(PENDING, [
    placed(PENDING, '2026-03-04T07:00:00.000Z', { priority: 'stat' }),
    collected('ACC-0004', '2026-03-04T07:10:00.000Z'),
    received('ACC-0004', '2026-03-04T07:20:00.000Z'),
    entered('ACC-0004', 1, [potassium(3.0, 'N')], '2026-03-04T07:30:00.000Z'),
  ]),
  labOrderProjection,
);
record(
  labStream(CANCELLED, [
    placed(CANCELLED, '2026-03-01T07:00:00.000Z'),
    ['LabOrderCancelled', { cancelledBy: TECH, cancelledAt: '2026-03-01T08:00:00.000Z' }],
  ]),
  labOrderProjection,
);
record(labStream(AWAITING, awaitingCallback(AWAITING, '2026-03-02T06:00:00.000Z', 'ACC-0008')), labOrderProjection);
record(labStream(ERASED_ORDER, [placed(ERASED_ORDER, '2026-02-01T07:00:00.000Z', {}, OTHER_PATIENT)], OTHER_PATIENT), labOrderProjection);
record(
  [
    {
      id: 'parked-1',
      type: wireType(parkedResultEvents, 'ResultsParked'),
      streamId: parkedResultStream(PARKED),
      version: 1,
      position: 50,
      recordedAt: '2026-03-02T12:00:00.000Z',
      data: {
        parkedId: PARKED,
        reason: 'unknown-accession',
        detail: 'no order has a specimen ACC-7777',
        sendingApplication: 'ANALYSER',
        sendingFacility: 'LAB',
        messageControlId: 'MSG-1',
        observations: [{ code: '2823-3', valueType: 'NM', value: '4.4', unit: 'mmol/L' }],
        receivedAt: '2026-03-02T11:00:00.000Z',
        accessionNumber: 'ACC-7777',
      },
      metadata: { actor: { id: 'mllp', role: 'lab-technician' }, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
    },
  ],
  parkedResultsProjection,
);
const potassiumTest = STARTER_CATALOGUE.find((d) => d.code === '2823-3');
if (potassiumTest)
  record(
    [
      {
        id: 'test-1',
        type: wireType(catalogueEvents, 'TestDefined'),
        streamId: labTestStream('2823-3'),
        version: 1,
        position: 60,
        recordedAt: '2026-03-02T12:00:00.000Z',
        data: {
          definition: { ...potassiumTest, name: 'Potassium, serum (local method)' },
          definedBy: 'admin',
          definedAt: '2026-03-02T12:00:00.000Z',
        },
        metadata: { actor: { id: 'admin', role: 'admin' }, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
      },
    ],
    labCatalogueProjection,
  );

const { call, reproduced } = caller([...labQueryRoutes(deps, store), ...labBenchRoutes(deps, store)]);
const LIST = '/patients/:patientId/lab-orders';
const DETAIL = '/patients/:patientId/lab-orders/:labOrderId';
const RESULTS = '/patients/:patientId/lab-results';
const staff = 'lab-staff';

describe('Reading lab orders', () => {
  afterEach(() => stalled.splice(0));

  describe("a patient's orders", () => {
    it('are listed newest first to staff and to the patient, and rebuilt from the log as shown', async () => {
      const params = { patientId: PATIENT };
      for (const role of ['clinician', 'patient'] as const) {
        const answered = await call(LIST, params, role, role === 'patient' ? PATIENT : staff);
        const items = bodyOf(answered.answer)['items'] as { labOrderId: string; latestReport?: { status: string } }[];
        expect(items.map((i) => i.labOrderId)).to.deep.equal([PENDING, CORRECTED, AWAITING, CANCELLED]);
        expect(await reproduced(answered, params, role)).to.deep.equal(bodyOf(answered.answer));
      }
      const mine = await call(LIST, params, 'patient', PATIENT);
      expect((bodyOf(mine.answer)['items'] as { latestReport?: unknown }[])[0]).not.to.have.property('latestReport');
    });

    it('are gone once the patient is erased, and unavailable while the read model is behind', async () => {
      expect(statusOf((await call(LIST, { patientId: OTHER_PATIENT }, 'clinician', staff)).answer)).to.equal('gone');
      stalled.push(labOrderProjection.name);
      expect(statusOf((await call(LIST, { patientId: PATIENT }, 'clinician', staff)).answer)).to.equal('unavailable');
    });
  });

  describe('one order', () => {
    it('shows staff the results pending verification, never the patient', async () => {
      const params = { patientId: PATIENT, labOrderId: PENDING };
      const asStaff = await call(DETAIL, params, 'lab-technician', staff);
      const asPatient = await call(DETAIL, params, 'patient', PATIENT);
      expect((bodyOf(asStaff.answer)['reports'] as unknown[]).length).to.equal(1);
      expect(bodyOf(asPatient.answer)).to.deep.include({ labOrderId: PENDING, status: 'resulted', reports: [], version: 4, position: 42 });
      expect(await reproduced(asPatient, params, 'patient')).to.deep.equal(bodyOf(asPatient.answer));
      expect(await reproduced(asStaff, params, 'lab-technician')).to.deep.equal(bodyOf(asStaff.answer));
    });

    it('shows the patient no report whose critical values wait for a call, and is rebuilt from the log as shown', async () => {
      const params = { patientId: PATIENT, labOrderId: AWAITING };
      const asPatient = await call(DETAIL, params, 'patient', PATIENT);
      expect(bodyOf(asPatient.answer)).to.deep.include({ status: 'resulted', reports: [], criticalAlerts: [] });
      expect(await reproduced(asPatient, params, 'patient')).to.deep.equal(bodyOf(asPatient.answer));
      const asClinician = await call(DETAIL, params, 'clinician', staff);
      expect((bodyOf(asClinician.answer)['reports'] as unknown[]).length).to.equal(1);
    });

    it('shows every report version, the first readable after its correction', async () => {
      const { answer } = await call(DETAIL, { patientId: PATIENT, labOrderId: CORRECTED }, 'patient', PATIENT);
      const reports = bodyOf(answer)['reports'] as { reportVersion: number; status: string }[];
      expect(reports.map((r) => [r.reportVersion, r.status])).to.deep.equal([
        [1, 'final'],
        [2, 'corrected'],
      ]);
    });

    it('is not found under another patient, and gone once its patient is erased', async () => {
      expect(statusOf((await call(DETAIL, { patientId: NOBODY, labOrderId: CORRECTED }, 'clinician', staff)).answer)).to.equal('not-found');
      expect(statusOf((await call(DETAIL, { patientId: PATIENT, labOrderId: NOBODY }, 'clinician', staff)).answer)).to.equal('not-found');
      const erased = await call(DETAIL, { patientId: OTHER_PATIENT, labOrderId: ERASED_ORDER }, 'clinician', staff);
      expect(statusOf(erased.answer)).to.equal('gone');
    });
  });

  describe("a patient's cumulative results", () => {
    it('plot one code over time from verified reports only, and are rebuilt from the log as shown', async () => {
      const params = { patientId: PATIENT };
      const answered = await call(RESULTS, params, 'patient', PATIENT, { code: '2823-3' });
      const series = bodyOf(answered.answer)['series'] as { code: string; points: { value: number; corrected: boolean }[] }[];
      expect(series.map((s) => [s.code, s.points.map((p) => [p.value, p.corrected])])).to.deep.equal([['2823-3', [[5, true]]]]);
      expect(await reproduced(answered, params, 'patient', { code: '2823-3' })).to.deep.equal(bodyOf(answered.answer));
      const every = await call(RESULTS, params, 'clinician', staff);
      expect((bodyOf(every.answer)['series'] as { code: string }[]).map((s) => s.code)).to.deep.equal(['2823-3', '2951-2']);
    });

    it('show staff the values still to be called, and rebuild them from the log as shown to each', async () => {
      const params = { patientId: PATIENT };
      for (const [role, id, values] of [
        ['clinician', staff, [5, 6.9]],
        ['patient', PATIENT, [5]],
      ] as const) {
        const answered = await call(RESULTS, params, role, id, { code: '2823-3' });
        const [series] = bodyOf(answered.answer)['series'] as { points: { value: number }[] }[];
        expect(series?.points.map((p) => p.value)).to.deep.equal(values);
        expect(await reproduced(answered, params, role, { code: '2823-3' })).to.deep.equal(bodyOf(answered.answer));
      }
    });

    it('are gone once the patient is erased', async () => {
      expect(statusOf((await call(RESULTS, { patientId: OTHER_PATIENT }, 'clinician', staff)).answer)).to.equal('gone');
    });
  });
});

describe("The laboratory's bench", () => {
  afterEach(() => stalled.splice(0));

  it('works the open orders and the values still to be called, those first, naming each patient for the audit; not an erased patient’s', async () => {
    const answered = await call('/lab/worklist', {}, 'lab-technician', staff);
    const items = bodyOf(answered.answer)['items'] as {
      labOrderId: string;
      status: string;
      accessionNumber?: string;
      openCriticalAlert: boolean;
    }[];
    expect(items.map((i) => [i.labOrderId, i.status, i.accessionNumber, i.openCriticalAlert])).to.deep.equal([
      [AWAITING, 'final', 'ACC-0008', true],
      [PENDING, 'resulted', 'ACC-0004', false],
    ]);
    const { route } = answered;
    expect(route.audit !== 'no-patient-data' && route.audit.patientsIn?.(bodyOf(answered.answer))).to.deep.equal([PATIENT, PATIENT]);
    expect(await reproduced(answered, {}, 'lab-technician')).to.deep.equal(bodyOf(answered.answer));
  });

  it('lists the orders of one status when asked', async () => {
    const { answer } = await call('/lab/worklist', {}, 'admin', staff, { status: 'corrected' });
    expect(
      (bodyOf(answer)['items'] as { labOrderId: string; openCriticalAlert: boolean }[]).map((i) => [i.labOrderId, i.openCriticalAlert]),
    ).to.deep.equal([[CORRECTED, false]]);
    const resulted = await call('/lab/worklist', {}, 'admin', staff, { status: 'resulted' });
    expect((bodyOf(resulted.answer)['items'] as { labOrderId: string }[]).map((i) => i.labOrderId)).to.deep.equal([PENDING]);
  });

  it('lists the results no order could take, and rebuilds the list from the log', async () => {
    const answered = await call('/lab/parked-results', {}, 'lab-technician', staff);
    expect(bodyOf(answered.answer)['items']).to.have.length(1);
    expect(await reproduced(answered, {}, 'lab-technician')).to.deep.equal(bodyOf(answered.answer));
  });

  it('shows the catalogue, a test defined since replacing the starter entry', async () => {
    const { answer } = await call('/lab/catalogue', {}, 'clinician', staff);
    const items = bodyOf(answer)['items'] as { code: string; name: string; origin: string }[];
    expect(items).to.have.length(STARTER_CATALOGUE.length);
    expect(items.find((i) => i.code === '2823-3')).to.include({ name: 'Potassium, serum (local method)', origin: 'defined' });
  });

  it('is unavailable while its read model is behind', async () => {
    stalled.push(labOrderProjection.name);
    expect(E.isLeft((await call('/lab/worklist', {}, 'lab-technician', staff)).answer)).to.equal(true);
  });
});
