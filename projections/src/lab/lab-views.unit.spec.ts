import { expect } from 'chai';
import type { TestDefinition } from '@hcms/laboratory/contract';
import { fold } from '../encounters/encounter.fixtures.js';
import type { LabOrderDoc } from './lab-order.doc.js';
import { labOrderProjection } from './lab-order.projection.js';
import {
  awaitingCallback,
  callback,
  collected,
  correctedBeforeCallback,
  correctedOrder,
  entered,
  finalized,
  labStream,
  placed,
  potassium,
  received,
  sodium,
} from './lab-order.fixtures.js';
import { cumulativeResults, labResultsBody, latestLabResults } from './lab-results.js';
import { catalogueBody, labOrderBody, labOrderListBody, labWorklistBody, parkedResultsBody } from './lab-views.js';
import type { ParkedResultDoc } from './parked-results.projection.js';

const [A, B, C] = ['0190f5c2-0000-7000-8000-0000000002b1', '0190f5c2-0000-7000-8000-0000000002b2', '0190f5c2-0000-7000-8000-0000000002b3'];
const [D, F] = ['0190f5c2-0000-7000-8000-0000000002b6', '0190f5c2-0000-7000-8000-0000000002b7'];
const PATIENT_ID = '0190f5c2-0000-7000-8000-00000000000a';

const order = (labOrderId: string, events: Parameters<typeof labStream>[1]): LabOrderDoc => {
  const doc = fold(labOrderProjection, labStream(labOrderId, events));
  if (!doc) throw new Error('no lab order');
  return doc;
};

/** Corrected: potassium 6.8 (final, critical) then 5.0. */
const corrected = order(A, correctedOrder(A));
/** Verified later: potassium 4.2, collected the next day. */
const later = order(B, [
  placed(B, '2026-03-03T07:00:00.000Z'),
  collected('ACC-0003', '2026-03-03T07:10:00.000Z'),
  received('ACC-0003', '2026-03-03T07:20:00.000Z'),
  entered('ACC-0003', 1, [potassium(4.2, 'N'), sodium(139)], '2026-03-03T07:30:00.000Z'),
  finalized(B, 'ACC-0003', 1, [potassium(4.2, 'N'), sodium(139)], '2026-03-03T07:40:00.000Z', { collectedAt: '2026-03-03T07:10:00.000Z' }),
]);
/** Entered, not verified: potassium 3.0. */
const pending = order(C, [
  placed(C, '2026-03-04T07:00:00.000Z', { priority: 'stat' }),
  collected('ACC-0004', '2026-03-04T07:10:00.000Z'),
  received('ACC-0004', '2026-03-04T07:20:00.000Z'),
  entered('ACC-0004', 1, [potassium(3.0, 'N')], '2026-03-04T07:30:00.000Z'),
]);
/** Verified: potassium 6.9, its critical alert not answered yet. */
const unanswered = order(D, awaitingCallback(D, '2026-03-01T07:00:00.000Z', 'ACC-0006'));
/** Potassium 6.9 corrected to 7.2 before anyone was reached: the first alert superseded, the correction's open. */
const recorrected = order(F, correctedBeforeCallback(F, '2026-03-01T06:00:00.000Z', 'ACC-0007'));

describe("A patient's lab orders as shown", () => {
  describe('to the patient', () => {
    it('never show a result not yet verified, nor the calls about critical values', () => {
      const shown = labOrderBody('patient', pending, 4, 9);
      expect(shown.reports).to.deep.equal([]);
      expect(labOrderBody('patient', corrected, 13, 9).criticalAlerts).to.deep.equal([]);
      const [line] = labOrderListBody('patient', PATIENT_ID, [pending], 9).items;
      expect(line).to.include({ labOrderId: C, status: 'resulted' });
      expect(line).not.to.have.any.keys('latestReport', 'openCriticalAlert');
    });

    it('never show a report whose critical values nobody has confirmed hearing yet, until the call is read back', () => {
      expect(labOrderBody('patient', unanswered, 6, 9).reports).to.deep.equal([]);
      const [line] = labOrderListBody('patient', PATIENT_ID, [unanswered], 9).items;
      // Nor does its status tell of it: to the patient, it is still being reported.
      expect(line).to.include({ labOrderId: D, status: 'resulted' });
      expect(labOrderBody('patient', unanswered, 6, 9).status).to.equal('resulted');
      expect(line).not.to.have.any.keys('latestReport', 'openCriticalAlert');
      const answered = order(D, [
        ...awaitingCallback(D, '2026-03-01T07:00:00.000Z', 'ACC-0006'),
        callback(D, true, '2026-03-02T08:50:00.000Z'),
      ]);
      expect(labOrderBody('patient', answered, 7, 9).reports.map((r) => [r.reportVersion, r.status])).to.deep.equal([[1, 'final']]);
    });

    it('show neither a correction whose own alert is open nor the report it corrected (its values are no longer the order’s)', () => {
      expect(labOrderBody('patient', recorrected, 11, 9).reports).to.deep.equal([]);
      expect(labOrderBody('patient', recorrected, 11, 9).status).to.equal('resulted');
      expect(labOrderBody('clinician', recorrected, 11, 9).reports.map((r) => r.reportVersion)).to.deep.equal([1, 2]);
    });

    it('leave the worklist’s index key out of the order shown', () => {
      for (const role of ['patient', 'clinician'] as const)
        expect(labOrderBody(role, unanswered, 6, 9)).not.to.have.property('openCriticalAlert');
    });

    it('show every verified version, the first still readable after a correction', () => {
      expect(labOrderBody('patient', corrected, 13, 9).reports.map((r) => [r.reportVersion, r.status])).to.deep.equal([
        [1, 'final'],
        [2, 'corrected'],
      ]);
    });
  });

  describe('to staff', () => {
    it('show the pending report too, and list the orders newest first with their latest report and open alerts', () => {
      expect(labOrderBody('lab-technician', pending, 4, 9).reports.map((r) => r.status)).to.deep.equal(['pending']);
      const list = labOrderListBody('clinician', PATIENT_ID, [corrected, pending, later], 9);
      expect(list.items.map((i) => [i.labOrderId, i.latestReport?.status, i.openCriticalAlert])).to.deep.equal([
        [C, 'pending', false],
        [B, 'final', false],
        [A, 'corrected', false],
      ]);
      expect(labOrderBody('clinician', pending, 4, 9)).not.to.have.property('priorityRank');
    });
  });

  describe('as cumulative results', () => {
    it('plot each code over time from the standing report of each order, corrections marked, nothing pending', () => {
      const [potassiumSeries, sodiumSeries] = [
        cumulativeResults([pending, later, corrected], '2823-3'),
        cumulativeResults([later], '2951-2'),
      ];
      expect(potassiumSeries).to.have.length(1);
      expect(potassiumSeries[0]?.points.map((p) => [p.value, p.unit, p.flag, p.labOrderId, p.reportVersion, p.corrected])).to.deep.equal([
        [5, 'mmol/L', 'N', A, 2, true],
        [4.2, 'mmol/L', 'N', B, 1, false],
      ]);
      expect(sodiumSeries[0]?.points.map((p) => p.collectedAt)).to.deep.equal(['2026-03-03T07:10:00.000Z']);
    });

    it('leave out, for the patient, an order whose standing report awaits a call, not falling back to the report it replaced', () => {
      const asPatient = labResultsBody('patient', PATIENT_ID, [unanswered, recorrected, later], '2823-3', 9);
      expect(asPatient.series[0]?.points.map((p) => [p.value, p.labOrderId])).to.deep.equal([[4.2, B]]);
      const asClinician = labResultsBody('clinician', PATIENT_ID, [unanswered, recorrected, later], '2823-3', 9);
      expect(asClinician.series[0]?.points.map((p) => [p.value, p.labOrderId, p.reportVersion])).to.deep.equal([
        [6.9, D, 1],
        [7.2, F, 2],
        [4.2, B, 1],
      ]);
    });

    it('give each code’s latest verified result, for the chart', () => {
      expect(latestLabResults([corrected, later, pending]).map((r) => [r.code, r.value, r.flag, r.labOrderId])).to.deep.equal([
        ['2823-3', 4.2, 'N', B],
        ['2951-2', 139, 'N', B],
      ]);
    });
  });
});

describe("The laboratory's worklist", () => {
  it('puts STAT first, then the oldest', () => {
    const [U, R] = ['0190f5c2-0000-7000-8000-0000000002b4', '0190f5c2-0000-7000-8000-0000000002b5'];
    const urgent = order(U, [placed(U, '2026-03-01T07:00:00.000Z', { priority: 'urgent' })]);
    const routine = order(R, [placed(R, '2026-02-28T07:00:00.000Z')]);
    const items = labWorklistBody([routine, pending, urgent], 3).items;
    expect(items.map((i) => [i.priority, i.orderedAt])).to.deep.equal([
      ['stat', '2026-03-04T07:00:00.000Z'],
      ['urgent', '2026-03-01T07:00:00.000Z'],
      ['routine', '2026-02-28T07:00:00.000Z'],
    ]);
    expect(items[0]).to.deep.include({ accessionNumber: 'ACC-0004', status: 'resulted', openCriticalAlert: false });
  });

  it('puts the values still to be called first, before STAT, the longest waiting first', () => {
    const items = labWorklistBody([pending, later, recorrected, unanswered], 3).items;
    expect(items.map((i) => [i.labOrderId, i.openCriticalAlert])).to.deep.equal([
      [D, true],
      [F, true],
      [C, false],
      [B, false],
    ]);
  });
});

describe('Parked results', () => {
  const parked = (parkedId: string, status: ParkedResultDoc['status'], receivedAt: string) =>
    ({ parkedId, status, receivedAt }) as ParkedResultDoc;

  it('list those still parked first, oldest first, then those resolved, latest first', () => {
    const body = parkedResultsBody(
      [
        parked('p1', 'assigned', '2026-03-01T00:00:00Z'),
        parked('p2', 'parked', '2026-03-03T00:00:00Z'),
        parked('p3', 'discarded', '2026-03-02T00:00:00Z'),
        parked('p4', 'parked', '2026-03-02T00:00:00Z'),
      ],
      1,
    );
    expect(body.items.map((p) => p.parkedId)).to.deep.equal(['p4', 'p2', 'p3', 'p1']);
  });
});

describe("The laboratory's catalogue", () => {
  const test = (code: string, name: string) => ({ kind: 'text', code, name, specimenType: 'serum' }) as TestDefinition;

  it('is the starter catalogue with each test defined since replacing its entry, and new tests after', () => {
    const body = catalogueBody(
      [test('2823-3', 'Potassium'), test('2951-2', 'Sodium')],
      [
        { code: '9999-9', definition: test('9999-9', 'New'), definedBy: 'admin', definedAt: '2026-01-01T00:00:00Z' },
        { code: '2951-2', definition: test('2951-2', 'Sodium, serum'), definedBy: 'admin', definedAt: '2026-01-01T00:00:00Z' },
      ],
      5,
    );
    expect(body.items.map((i) => [i.code, i.name, i.origin])).to.deep.equal([
      ['2823-3', 'Potassium', 'starter'],
      ['2951-2', 'Sodium, serum', 'defined'],
      ['9999-9', 'New', 'defined'],
    ]);
  });
});
