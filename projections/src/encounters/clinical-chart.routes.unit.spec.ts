import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { labOrderProjection } from '../lab/lab-order.projection.js';
import { collected, entered, finalized, labStream, placed, potassium, received, sodium, TECH } from '../lab/lab-order.fixtures.js';
import { bodyOf, caller, memoryReadModels, patientEventsOf, statusOf } from '../read-models.fixtures.js';
import { patientDetailProjection } from '../patient-detail/patient-detail.projection.js';
import type { ClinicalChart } from './clinical-chart.js';
import { clinicalChartRoutes } from './clinical-chart.routes.js';
import { labOrdered, opened, PATIENT, signedEncounter, stream } from './encounter.fixtures.js';
import { patientEncountersProjection } from './patient-encounters.projection.js';

const [SIGNED, SECOND] = ['0190f5c2-0000-7000-8000-0000000004e1', '0190f5c2-0000-7000-8000-0000000004e2'];
const [COLLECTING, VERIFIED, URINE] = [1, 2, 3].map((n) => `0190f5c2-0000-7000-8000-0000000004f${n}`) as [string, string, string];
const fromEncounter = (encounterId: string, placerOrderId: string, specimenType = 'serum') => ({
  specimenType,
  source: { kind: 'encounter', encounterId, placerOrderId },
});

const { deps, store, record, awaited, stalled } = memoryReadModels();
record(patientEventsOf(PATIENT), patientDetailProjection);
record(stream(SIGNED, signedEncounter(SIGNED)), patientEncountersProjection);
record(stream(SECOND, [opened(SECOND, '2026-03-03T09:00:00.000Z'), labOrdered('lab-2', SECOND)]), patientEncountersProjection);
// Laboratory split the first encounter's order by specimen: it is collecting the serum and cancelled
// the urine. The second encounter's order is verified.
record(
  labStream(COLLECTING, [
    placed(COLLECTING, '2026-03-02T09:26:00.000Z', fromEncounter(SIGNED, 'lab-1')),
    collected('ACC-0100', '2026-03-02T10:00:00.000Z'),
  ]),
  labOrderProjection,
);
record(
  labStream(URINE, [
    placed(URINE, '2026-03-02T09:26:00.000Z', fromEncounter(SIGNED, 'lab-1', 'urine')),
    ['LabOrderCancelled', { cancelledBy: TECH, cancelledAt: '2026-03-02T09:40:00.000Z' }],
  ]),
  labOrderProjection,
);
record(
  labStream(VERIFIED, [
    placed(VERIFIED, '2026-03-03T09:26:00.000Z', fromEncounter(SECOND, 'lab-2')),
    collected('ACC-0101', '2026-03-03T10:00:00.000Z'),
    received('ACC-0101', '2026-03-03T10:10:00.000Z'),
    entered('ACC-0101', 1, [potassium(5.4, 'H'), sodium(141)], '2026-03-03T10:30:00.000Z'),
    finalized(VERIFIED, 'ACC-0101', 1, [potassium(5.4, 'H'), sodium(141)], '2026-03-03T10:40:00.000Z', {
      collectedAt: '2026-03-03T10:00:00.000Z',
    }),
  ]),
  labOrderProjection,
);

const { call, reproduced } = caller(clinicalChartRoutes(deps, store, { now: () => new Date('2026-03-02T09:00:00Z') }));
const CHART = '/patients/:patientId/clinical-chart';
const params = { patientId: PATIENT };

describe("A patient's clinical chart with Laboratory's results", () => {
  afterEach(() => stalled.splice(0));

  it("marks the encounters' pending orders with the status of each of Laboratory's orders, and drops those it verified", async () => {
    const chart = bodyOf((await call(CHART, params, 'clinician', 'dr')).answer) as unknown as ClinicalChart;
    expect(chart.pendingLabOrders.map((o) => [o.labOrderId, o.encounterId, o.laboratory])).to.deep.equal([
      [
        'lab-1',
        SIGNED,
        [
          { labOrderId: COLLECTING, specimenType: 'serum', status: 'collected', accessionNumber: 'ACC-0100' },
          { labOrderId: URINE, specimenType: 'urine', status: 'cancelled' },
        ],
      ],
    ]);
  });

  it('shows the latest verified result of each code with its flag', async () => {
    const chart = bodyOf((await call(CHART, params, 'clinician', 'dr')).answer) as unknown as ClinicalChart;
    expect(chart.labResults?.map((r) => [r.code, r.value, r.unit, r.flag, r.labOrderId])).to.deep.equal([
      ['2823-3', 5.4, 'mmol/L', 'H', VERIFIED],
      ['2951-2', 141, 'mmol/L', 'N', VERIFIED],
    ]);
  });

  it('waits for all three read models, reports their positions and is rebuilt from the log as shown', async () => {
    awaited.splice(0);
    const answered = await call(CHART, params, 'clinician', 'dr', { minPosition: 40 });
    expect(awaited).to.have.members([patientDetailProjection.name, patientEncountersProjection.name, labOrderProjection.name]);
    expect(E.isRight(answered.answer) && answered.answer.right.positions).to.deep.equal({
      'patient-detail': 42,
      'patient-encounters': 42,
      'lab-orders': 42,
    });
    expect(await reproduced(answered, params, 'clinician')).to.deep.equal(bodyOf(answered.answer));
  });

  it('reproduces a chart shown before Laboratory was consulted as it was shown', async () => {
    const answered = await call(CHART, params, 'clinician', 'dr');
    if (E.isLeft(answered.answer)) throw new Error('no chart');
    const { versions = {}, positions = {} } = answered.answer.right;
    const before = {
      ...answered,
      answer: E.right({
        ...answered.answer.right,
        versions: Object.fromEntries(Object.entries(versions).filter(([key]) => !key.startsWith('labOrder-'))),
        positions: { 'patient-detail': positions['patient-detail'] ?? 0, 'patient-encounters': positions['patient-encounters'] ?? 0 },
      }),
    };
    const shown = (await reproduced(before, params, 'clinician')) as ClinicalChart;
    expect(shown).not.to.have.property('labResults');
    expect(shown.pendingLabOrders.map((o) => o.labOrderId)).to.deep.equal(['lab-1', 'lab-2']);
  });

  it('is unavailable while the lab orders read model is behind', async () => {
    stalled.push(labOrderProjection.name);
    expect(statusOf((await call(CHART, params, 'clinician', 'dr')).answer)).to.equal('unavailable');
  });
});
