import { expect } from 'chai';
import type { LabOrderDoc } from '../lab/lab-order.doc.js';
import { labOrderProjection } from '../lab/lab-order.projection.js';
import { collected, entered, finalized, labStream, placed, potassium, received, sodium, TECH } from '../lab/lab-order.fixtures.js';
import { withLaboratory, type FromEncounter } from './clinical-chart.js';
import type { LabOrderView } from './encounter-detail.projection.js';
import { fold } from './encounter.fixtures.js';

const ENCOUNTER = '0190f5c2-0000-7000-8000-0000000005e1';
/** The encounter's order, and Laboratory's two for it: its serum tests under its id, its urine tests under another. */
const [PLACER, URINE] = ['0190f5c2-0000-7000-8000-0000000005f1', '0190f5c2-0000-7000-8000-0000000005f2'];

const ordered: LabOrderView & FromEncounter = {
  labOrderId: PLACER,
  tests: [
    { code: '2823-3', display: 'Potassium' },
    { code: '5811-5', display: 'Specific gravity of Urine' },
  ],
  priority: 'routine',
  orderedAt: '2026-03-02T09:25:00.000Z',
  encounterId: ENCOUNTER,
  encounterStatus: 'signed',
};

const fromEncounter = (specimenType: string) => ({
  specimenType,
  source: { kind: 'encounter', encounterId: ENCOUNTER, placerOrderId: PLACER },
});
const labOrder = (labOrderId: string, events: Parameters<typeof labStream>[1]): LabOrderDoc => {
  const doc = fold(labOrderProjection, labStream(labOrderId, events));
  if (!doc) throw new Error('no lab order');
  return doc;
};

const serumVerified = labOrder(PLACER, [
  placed(PLACER, '2026-03-02T09:26:00.000Z', fromEncounter('serum')),
  collected('ACC-0200', '2026-03-02T10:00:00.000Z'),
  received('ACC-0200', '2026-03-02T10:10:00.000Z'),
  entered('ACC-0200', 1, [potassium(4.4, 'N'), sodium(140)], '2026-03-02T10:30:00.000Z'),
  finalized(PLACER, 'ACC-0200', 1, [potassium(4.4, 'N'), sodium(140)], '2026-03-02T10:40:00.000Z'),
]);
const urineOrdered = labOrder(URINE, [placed(URINE, '2026-03-02T09:26:00.000Z', fromEncounter('urine'))]);
const urineCancelled = labOrder(URINE, [
  placed(URINE, '2026-03-02T09:26:00.000Z', fromEncounter('urine')),
  ['LabOrderCancelled', { cancelledBy: TECH, cancelledAt: '2026-03-02T11:00:00.000Z' }],
]);

describe("An encounter's lab order in the chart", () => {
  it('is pending as ordered while Laboratory has not placed it yet', () => {
    expect(withLaboratory([ordered], [])).to.deep.equal([ordered]);
  });

  describe('when its tests need two specimen types (two lab orders)', () => {
    it('stays pending while either is open, with the status of each', () => {
      const [pending] = withLaboratory([ordered], [urineOrdered, serumVerified]);
      expect(pending?.laboratory).to.deep.equal([
        { labOrderId: PLACER, specimenType: 'serum', status: 'final', accessionNumber: 'ACC-0200' },
        { labOrderId: URINE, specimenType: 'urine', status: 'ordered' },
      ]);
    });

    it('is no longer pending once each is verified or cancelled', () => {
      expect(withLaboratory([ordered], [serumVerified, urineCancelled])).to.deep.equal([]);
    });

    it('takes none placed from another encounter’s order of the same id', () => {
      const elsewhere = { ...ordered, encounterId: '0190f5c2-0000-7000-8000-0000000005e2' };
      expect(withLaboratory([elsewhere], [urineOrdered])).to.deep.equal([elsewhere]);
    });
  });
});
