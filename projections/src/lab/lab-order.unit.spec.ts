import { expect } from 'chai';
import type { StoredEvent } from '@hcms/shared-kernel';
import { laboratoryPersonalData } from '@hcms/laboratory/contract';
import { fold } from '../encounters/encounter.fixtures.js';
import type { LabOrderDoc } from './lab-order.doc.js';
import { labOrderProjection } from './lab-order.projection.js';
import {
  callback,
  collected,
  comment,
  correctedBeforeCallback,
  correctedOrder,
  entered,
  labStream,
  placed,
  potassium,
  received,
  sodium,
  TECH,
  VERIFIER,
} from './lab-order.fixtures.js';

const ORDER = '0190f5c2-0000-7000-8000-0000000002a1';

const doc = (events: Parameters<typeof labStream>[1], viaStore = false): LabOrderDoc => {
  const folded = fold(labOrderProjection, labStream(ORDER, events), viaStore);
  if (!folded) throw new Error('no lab order');
  return folded;
};
const all = correctedOrder(ORDER);

/** An event as the log reads it once its patient's key is destroyed: each personal field present is its contract's stand-in. */
const asReadAfterErasure = (event: StoredEvent): StoredEvent => {
  const standIns = laboratoryPersonalData[event.type] ?? {};
  const data = event.data as Record<string, unknown>;
  return {
    ...event,
    data: { ...data, ...Object.fromEntries(Object.entries(standIns).filter(([field]) => data[field] !== undefined)) },
  };
};
const upTo = (n: number) => doc(all.slice(0, n));

describe('A lab order as the laboratory works it', () => {
  describe('when placed', () => {
    it('holds what was ordered, ranked for the worklist, with no specimen yet', () => {
      const placedDoc = doc([placed(ORDER, '2026-03-02T07:30:00.000Z', { priority: 'stat' })]);
      expect(placedDoc).to.deep.include({ labOrderId: ORDER, status: 'ordered', priority: 'stat', priorityRank: 0, specimenType: 'serum' });
      expect(placedDoc.analytes.map((a) => a.code)).to.deep.equal(['2823-3', '2951-2']);
      expect(placedDoc).not.to.have.property('accessionNumber');
    });
  });

  describe('its specimen', () => {
    it('is collected under an accession number, then received', () => {
      expect(upTo(2)).to.deep.include({ status: 'collected', accessionNumber: 'ACC-0001' });
      expect(upTo(5).specimen).to.deep.include({ accessionNumber: 'ACC-0002', receivedBy: TECH, receivedAt: '2026-03-02T08:10:00.000Z' });
    });

    it('sends the order back to recollect when rejected, keeping the rejection and its reason', () => {
      const rejectedDoc = upTo(3);
      expect(rejectedDoc.status).to.equal('recollect');
      expect(rejectedDoc.rejections).to.deep.equal([
        {
          accessionNumber: 'ACC-0001',
          specimenType: 'serum',
          collectorId: TECH,
          collectedAt: '2026-03-02T07:40:00.000Z',
          reason: 'hemolysed',
          note: 'Drawn through a small needle',
          rejectedBy: TECH,
          rejectedAt: '2026-03-02T07:50:00.000Z',
        },
      ]);
      // A new specimen becomes the current one: analysers' results are matched by it.
      expect(upTo(4)).to.deep.include({ status: 'collected', accessionNumber: 'ACC-0002' });
    });
  });

  describe('its results', () => {
    it('are pending in the report being entered, a result entered again replacing its analyte’s', () => {
      const resulted = upTo(7);
      expect(resulted.status).to.equal('resulted');
      expect(resulted.reports).to.have.length(1);
      expect(resulted.reports[0]).to.deep.include({ reportVersion: 1, status: 'pending', accessionNumber: 'ACC-0002', enteredBy: [TECH] });
      expect(resulted.reports[0]?.results.map((r) => [r.code, r.value])).to.deep.equal([
        ['2823-3', { kind: 'numeric', value: 6.8, unit: 'mmol/L' }],
        ['2951-2', { kind: 'numeric', value: 140, unit: 'mmol/L' }],
      ]);
    });

    it('are final once verified, with who verified them and when', () => {
      expect(upTo(8).status).to.equal('final');
      expect(upTo(8).reports[0]).to.deep.include({
        status: 'final',
        verifiedBy: VERIFIER,
        finalizedAt: '2026-03-02T08:40:00.000Z',
        collectedAt: '2026-03-02T08:00:00.000Z',
      });
    });

    it('open a critical alert that only a call read back closes', () => {
      expect(upTo(8).openCriticalAlert).to.equal(false);
      expect(upTo(9).criticalAlerts[0]).to.deep.include({ alertId: `${ORDER}.1`, status: 'open', callbacks: [] });
      expect(upTo(10).criticalAlerts[0]?.status).to.equal('open');
      expect([upTo(9).openCriticalAlert, upTo(10).openCriticalAlert]).to.deep.equal([true, true]);
      const closed = upTo(11).criticalAlerts[0];
      expect(closed?.status).to.equal('closed');
      expect(closed?.callbacks.map((c) => c.readBack)).to.deep.equal([false, true]);
      expect(upTo(11).openCriticalAlert).to.equal(false);
    });

    it('end an open alert unanswered when a correction replaces its report, the correction’s own alert open', () => {
      const corrected = doc(correctedBeforeCallback(ORDER, '2026-03-02T07:30:00.000Z', 'ACC-0005'));
      expect(corrected.criticalAlerts.map((a) => [a.alertId, a.reportVersion, a.status, a.superseded])).to.deep.equal([
        [`${ORDER}.1`, 1, 'superseded', { byReportVersion: 2, at: '2026-03-02T09:10:00.000Z' }],
        [`${ORDER}.2`, 2, 'open', undefined],
      ]);
      expect(corrected.openCriticalAlert).to.equal(true);
      const answered = doc([
        ...correctedBeforeCallback(ORDER, '2026-03-02T07:30:00.000Z', 'ACC-0005'),
        callback(ORDER, true, '2026-03-02T09:20:00.000Z', 2),
      ]);
      expect(answered.criticalAlerts.map((a) => a.status)).to.deep.equal(['superseded', 'closed']);
      expect(answered.openCriticalAlert).to.equal(false);
    });

    it('keep a superseded alert superseded when a late call is read back', () => {
      const late = doc([
        ...correctedBeforeCallback(ORDER, '2026-03-02T07:30:00.000Z', 'ACC-0005'),
        callback(ORDER, true, '2026-03-02T09:20:00.000Z'),
      ]);
      expect(late.criticalAlerts[0]).to.deep.include({ status: 'superseded' });
      expect(late.criticalAlerts[0]?.callbacks).to.have.length(1);
    });

    it('keep the first report readable as verified once corrected, the correction starting from it', () => {
      const pending = upTo(12);
      expect(pending.status).to.equal('correction-pending');
      expect(pending.reports[1]).to.deep.include({
        reportVersion: 2,
        status: 'pending',
        correctionReason: 'Sample mix-up on the analyser',
      });
      expect(pending.reports[1]?.results.map((r) => r.code)).to.deep.equal(['2823-3', '2951-2']);
      const corrected = doc(all);
      expect(corrected.status).to.equal('corrected');
      expect(corrected.reports.map((r) => [r.reportVersion, r.status, r.results[0]?.value])).to.deep.equal([
        [1, 'final', { kind: 'numeric', value: 6.8, unit: 'mmol/L' }],
        [2, 'corrected', { kind: 'numeric', value: 5, unit: 'mmol/L' }],
      ]);
    });

    it('fold the same when read back from a store that reorders keys', () => {
      expect(doc(all, true)).to.deep.equal(doc(all));
    });
  });

  describe('when cancelled', () => {
    it('is cancelled, with who, when and why', () => {
      const cancelled = doc([
        placed(ORDER, '2026-03-02T07:30:00.000Z'),
        ['LabOrderCancelled', { cancelledBy: TECH, cancelledAt: '2026-03-02T07:35:00.000Z', reason: 'Ordered twice' }],
      ]);
      expect(cancelled).to.deep.include({
        status: 'cancelled',
        cancelled: { by: TECH, at: '2026-03-02T07:35:00.000Z', reason: 'Ordered twice' },
      });
    });
  });

  describe('when its patient is erased', () => {
    const erased = doc([
      ...all.slice(0, 5),
      entered('ACC-0002', 1, [potassium(4.1, 'N'), sodium(140), comment('Lipaemic, patient reports eating')], '2026-03-02T08:30:00.000Z'),
      ['LabOrderDetailsErased', { erasedAt: '2026-04-01T00:00:00.000Z' }],
    ]);

    it('drops the notes, the rejection’s note and every result, and says so', () => {
      expect(erased.erased).to.equal(true);
      expect(erased).not.to.have.property('note');
      expect(erased.rejections.map((r) => r.note)).to.deep.equal([undefined]);
      expect(erased.reports.map((r) => r.results)).to.deep.equal([[]]);
      expect(JSON.stringify(erased)).not.to.match(/spironolactone|small needle|Lipaemic/);
    });

    it('keeps the tests and the workflow’s times', () => {
      expect(erased.tests.map((t) => t.code)).to.deep.equal(['2823-3', '2951-2']);
      expect(erased.specimen?.receivedAt).to.equal('2026-03-02T08:10:00.000Z');
    });

    const erasure = ['LabOrderDetailsErased', { erasedAt: '2026-04-01T00:00:00.000Z' }] as const;

    it('drops the names of those told of a critical value', () => {
      const called = doc([...all, erasure]);
      expect(called.criticalAlerts[0]?.callbacks.map((c) => c.reached.name)).to.deep.equal(['(erased)', '(erased)']);
      expect(JSON.stringify(called)).not.to.match(/Dr Grey/);
    });

    it('holds the same as a read model rebuilt from the log, where personal data reads as its stand-ins', () => {
      const streams = [all, correctedBeforeCallback(ORDER, '2026-03-02T07:30:00.000Z', 'ACC-0005')];
      for (const events of streams) {
        const live = fold(labOrderProjection, labStream(ORDER, [...events, erasure]));
        const rebuilt = fold(labOrderProjection, labStream(ORDER, [...events, erasure]).map(asReadAfterErasure));
        expect(rebuilt).to.deep.equal(live);
      }
    });
  });

  it('ignores events of an order it never saw placed', () => {
    expect(fold(labOrderProjection, labStream(ORDER, [collected('ACC-0009', '2026-03-02T07:40:00.000Z')]))).to.equal(null);
    expect(fold(labOrderProjection, labStream(ORDER, [received('ACC-0009', '2026-03-02T07:40:00.000Z')]))).to.equal(null);
  });
});
