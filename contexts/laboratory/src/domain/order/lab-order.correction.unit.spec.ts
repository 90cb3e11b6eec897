import { expect } from 'chai';
import type { LongText } from '@hcms/shared-kernel';
import {
  ACCESSION,
  after,
  at,
  callback,
  CHLORIDE,
  correct,
  corrected,
  criticalFinal,
  enter,
  eventsOf,
  final,
  given,
  GLUCOSE,
  LAB_ORDER,
  MANUAL,
  numeric,
  orderAfter,
  POTASSIUM,
  read,
  refusalOf,
  resulted,
  SODIUM,
  TECHNICIAN,
  VERIFIER,
  verify,
} from './lab-order.fixtures.js';

const REASON = 'Sample swap with the neighbouring tube' as LongText;
const pending = after(final, correct([numeric(POTASSIUM, 3.9)]));

describe('Lab order', () => {
  describe('when a final report is corrected', () => {
    it('opens report version 2 with the corrected results and the reason', () =>
      given(final)
        .when(correct([numeric(POTASSIUM, 3.9)]))
        .then([
          {
            type: 'ResultsEntered',
            data: {
              accessionNumber: ACCESSION,
              reportVersion: 2,
              results: [read(POTASSIUM, 3.9)],
              source: MANUAL,
              enteredBy: TECHNICIAN,
              enteredAt: at,
              correctionReason: REASON,
            },
          },
        ]));
    it('leaves out a result the correction repeats as it was', () =>
      expect(eventsOf(final, correct([numeric(SODIUM, 140), numeric(POTASSIUM, 3.9)]))[0]?.data).to.deep.include({
        results: [read(POTASSIUM, 3.9)],
      }));
    it('awaits verification: the order is correction-pending', () => expect(orderAfter(pending).status).to.equal('correction-pending'));
    it('starts from the final report: the other results are carried over', () =>
      expect(orderAfter(pending).reports[1]?.results).to.deep.equal({
        [SODIUM.code]: read(SODIUM, 140),
        [POTASSIUM.code]: read(POTASSIUM, 3.9),
        [CHLORIDE.code]: read(CHLORIDE, 101),
      }));

    it('finalizes version 2 as corrected, with every result and the reason', () =>
      expect(eventsOf(pending, verify())[0]?.data).to.deep.include({
        reportVersion: 2,
        status: 'corrected',
        results: [read(SODIUM, 140), read(POTASSIUM, 3.9), read(CHLORIDE, 101)],
        enteredBy: [TECHNICIAN],
        verifiedBy: VERIFIER,
        correctionReason: REASON,
      }));
    it('becomes corrected', () => expect(orderAfter(corrected).status).to.equal('corrected'));
    it('keeps version 1 readable as it was verified', () => {
      const [first, second] = orderAfter(corrected).reports;
      expect(first).to.deep.include({ version: 1, verifiedBy: VERIFIER, finalizedAt: at });
      expect(first?.results[POTASSIUM.code]).to.deep.equal(read(POTASSIUM, 4.2));
      expect(second).to.deep.include({ version: 2, verifiedBy: VERIFIER, correctionReason: REASON });
      expect(second?.results[POTASSIUM.code]).to.deep.equal(read(POTASSIUM, 3.9));
    });
    it('numbers a second correction version 3', () =>
      expect(eventsOf(corrected, correct([numeric(CHLORIDE, 99)]))[0]?.data).to.include({ reportVersion: 3 }));
    it('counts only the corrected results as entered: who entered the others may verify it', () => {
      const byVerifier = after(final, correct([numeric(POTASSIUM, 3.9)], VERIFIER));
      expect(eventsOf(byVerifier, verify(TECHNICIAN))[0]?.data).to.deep.include({ enteredBy: [VERIFIER], verifiedBy: TECHNICIAN });
    });
    it('refuses its verification by who corrected it with 403 SAME_USER_VERIFICATION', () =>
      expect(refusalOf(pending, verify(TECHNICIAN))).to.include({ kind: 'forbidden', code: 'SAME_USER_VERIFICATION' }));
    it('raises a new alert for a critical value in the corrected report', () => {
      const events = eventsOf(after(criticalFinal, correct([numeric(SODIUM, 138)])), verify());
      expect(events[1]?.data).to.deep.include({ alertId: `${LAB_ORDER}.2`, reportVersion: 2, results: [read(POTASSIUM, 6.8)] });
    });
    it('supersedes the open alert of version 1: its values are no longer the report’s', () => {
      const events = eventsOf(after(criticalFinal, correct([numeric(POTASSIUM, 4.1)])), verify());
      expect(events.map((e) => e.type)).to.deep.equal(['LabResultFinalized', 'CriticalAlertSuperseded']);
      expect(events[1]?.data).to.deep.include({ alertId: `${LAB_ORDER}.1`, byReportVersion: 2 });
      expect(orderAfter(after(criticalFinal, correct([numeric(POTASSIUM, 4.1)]), verify())).alerts).to.deep.include({
        alertId: `${LAB_ORDER}.1`,
        reportVersion: 1,
        results: [read(POTASSIUM, 6.8)],
        closed: true,
      });
    });
    it('supersedes no alert read back already', () =>
      expect(
        eventsOf(after(criticalFinal, callback(`${LAB_ORDER}.1`, true), correct([numeric(POTASSIUM, 4.1)])), verify()).map((e) => e.type),
      ).to.deep.equal(['LabResultFinalized']));

    it('refuses a correction that changes nothing with 422 NOTHING_CORRECTED', () =>
      expect(refusalOf(final, correct([numeric(POTASSIUM, 4.2)]))).to.deep.include({
        kind: 'invariant',
        code: 'NOTHING_CORRECTED',
        problems: [{ path: 'body.results', rule: 'must change at least one result of the final report' }],
      }));
    it('refuses a correction before the report is final with 409 NOT_FINAL', () =>
      expect(refusalOf(resulted, correct([numeric(POTASSIUM, 3.9)]))).to.include({ kind: 'conflict', code: 'NOT_FINAL' }));
    it('refuses a second correction while one is pending with 409 CORRECTION_PENDING', () =>
      expect(refusalOf(pending, correct([numeric(SODIUM, 139)]))).to.include({ kind: 'conflict', code: 'CORRECTION_PENDING' }));
    it('refuses a correction of no result with 422 NO_RESULTS', () => given(final).when(correct([])).thenFails('NO_RESULTS'));
    it('refuses a corrected result for a test not ordered with 422 TEST_NOT_ORDERED', () =>
      expect(refusalOf(final, correct([numeric(GLUCOSE, 5)]))).to.deep.include({
        code: 'TEST_NOT_ORDERED',
        problems: [{ path: 'body.results.0.code', rule: 'must be an analyte this order expects' }],
      }));
    it('refuses an implausible corrected value with 422 RESULT_IMPLAUSIBLE, naming it', () =>
      expect(refusalOf(final, correct([numeric(POTASSIUM, 40)]))).to.deep.include({
        code: 'RESULT_IMPLAUSIBLE',
        problems: [{ path: 'body.results.0.value', rule: 'must be within the plausible range 1–12 mmol/L' }],
      }));
    it('refuses new results on a corrected report with 409 LAB_ORDER_FINAL', () =>
      given(corrected)
        .when(enter([numeric(SODIUM, 139)]))
        .thenFails('LAB_ORDER_FINAL'));
  });
});
