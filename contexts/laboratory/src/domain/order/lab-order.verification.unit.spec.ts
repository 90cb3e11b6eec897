import { expect } from 'chai';
import type { LabOrderEvent, LabOrderEventOf } from './lab-order.events.js';
import {
  ACCESSION,
  after,
  at,
  cancel,
  CHLORIDE,
  CLINICIAN,
  collectedAt,
  criticalFinal,
  ELECTROLYTES,
  enter,
  eventsOf,
  final,
  given,
  LAB_ORDER,
  NORMAL,
  numeric,
  orderAfter,
  PATIENT,
  POTASSIUM,
  read,
  received,
  refusalOf,
  resulted,
  SODIUM,
  SOURCE,
  TECHNICIAN,
  VERIFIER,
  verify,
} from './lab-order.fixtures.js';

const finalized: LabOrderEventOf<'LabResultFinalized'> = {
  type: 'LabResultFinalized',
  data: {
    labOrderId: LAB_ORDER,
    patientId: PATIENT,
    orderingClinicianId: CLINICIAN,
    accessionNumber: ACCESSION,
    source: SOURCE,
    tests: [{ code: ELECTROLYTES.code, name: ELECTROLYTES.name }],
    reportVersion: 1,
    status: 'final',
    results: [read(SODIUM, 140), read(POTASSIUM, 4.2), read(CHLORIDE, 101)],
    enteredBy: [TECHNICIAN],
    verifiedBy: VERIFIER,
    collectedAt,
    finalizedAt: at,
  },
};
const critical = after(received, enter([numeric(SODIUM, 140), numeric(POTASSIUM, 6.8), numeric(CHLORIDE, 101)]));

describe('Lab order', () => {
  describe('when its results are verified', () => {
    it('finalizes report version 1 with every expected analyte, verified by someone who entered none', () =>
      given(resulted).when(verify()).then([finalized]));
    it('becomes final, the report signed by its verifier', () => {
      const order = orderAfter(final);
      expect(order.status).to.equal('final');
      expect(order.reports[0]).to.include({ verifiedBy: VERIFIER, finalizedAt: at });
    });
    it('lists the results in the order expected, whatever order they were entered in', () => {
      const history = after(received, enter([numeric(CHLORIDE, 101)]), enter([numeric(POTASSIUM, 4.2), numeric(SODIUM, 140)]));
      given(history).when(verify()).then([finalized]);
    });
    it('names each person who entered results, once', () => {
      const history = after(
        received,
        enter([numeric(SODIUM, 140), numeric(CHLORIDE, 101)]),
        enter([numeric(POTASSIUM, 4.2)], 'technician-3'),
      );
      expect(eventsOf(history, verify())[0]?.data).to.deep.include({ enteredBy: [TECHNICIAN, 'technician-3'] });
    });
    it('lets someone verify whose entry was replaced by another’s', () => {
      const history = after(received, enter(NORMAL, VERIFIER), enter(NORMAL));
      expect(eventsOf(history, verify()).map((e) => e.type)).to.deep.equal(['LabResultFinalized']);
    });

    it('raises an alert for the critical results only', () => {
      const events = eventsOf(critical, verify());
      expect(events.map((e) => e.type)).to.deep.equal(['LabResultFinalized', 'CriticalResultDetected']);
      expect(events[1]).to.deep.equal({
        type: 'CriticalResultDetected',
        data: {
          alertId: `${LAB_ORDER}.1`,
          labOrderId: LAB_ORDER,
          patientId: PATIENT,
          orderingClinicianId: CLINICIAN,
          reportVersion: 1,
          results: [read(POTASSIUM, 6.8)],
          detectedAt: at,
        },
      } satisfies LabOrderEvent);
    });
    it('keeps the alert open until someone reads the values back', () =>
      expect(orderAfter(criticalFinal).alerts).to.deep.equal([
        { alertId: `${LAB_ORDER}.1`, reportVersion: 1, results: [read(POTASSIUM, 6.8)], closed: false },
      ]));
    it('raises an alert for a critically low value too', () =>
      expect(
        eventsOf(after(received, enter([numeric(SODIUM, 118), numeric(POTASSIUM, 4.2), numeric(CHLORIDE, 101)])), verify())[1]?.data,
      ).to.deep.include({ results: [read(SODIUM, 118)] }));

    it('refuses a report missing an analyte with 409 RESULTS_INCOMPLETE, naming it', () =>
      expect(refusalOf(after(received, enter([numeric(SODIUM, 140), numeric(POTASSIUM, 4.2)])), verify())).to.deep.include({
        kind: 'conflict',
        code: 'RESULTS_INCOMPLETE',
        details: { missing: [CHLORIDE.code] },
      }));
    it('refuses a verification before any result with 409 RESULTS_INCOMPLETE', () =>
      expect(refusalOf(received, verify())).to.deep.include({
        code: 'RESULTS_INCOMPLETE',
        details: { missing: [SODIUM.code, POTASSIUM.code, CHLORIDE.code] },
      }));
    it('refuses whoever entered a result with 403 SAME_USER_VERIFICATION', () =>
      expect(refusalOf(after(resulted, enter([numeric(CHLORIDE, 102)], VERIFIER)), verify())).to.include({
        kind: 'forbidden',
        code: 'SAME_USER_VERIFICATION',
      }));
    it('refuses a second verification with 409 LAB_ORDER_FINAL', () =>
      expect(refusalOf(final, verify())).to.include({ kind: 'conflict', code: 'LAB_ORDER_FINAL' }));
    it('refuses a verification on a cancelled order with 409 LAB_ORDER_CANCELLED', () =>
      given(after(received, cancel())).when(verify()).thenFails('LAB_ORDER_CANCELLED'));
  });
});
