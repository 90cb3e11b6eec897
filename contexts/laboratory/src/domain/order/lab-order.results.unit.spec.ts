import { expect } from 'chai';
import type { CodedTest, NumericTest } from '../catalogue/test-definition.js';
import type { LabOrderEvent } from './lab-order.events.js';
import {
  ACCESSION,
  after,
  at,
  cancel,
  CHLORIDE,
  collect,
  collected,
  correct,
  enter,
  eventsOf,
  final,
  given,
  GLUCOSE,
  hl7,
  iso,
  NEXT_ACCESSION,
  NORMAL,
  numeric,
  orderAfter,
  ordered,
  place,
  POTASSIUM,
  read,
  receive,
  received,
  refusalOf,
  reject,
  resulted,
  SODIUM,
  TECHNICIAN,
  VERIFIER,
  verify,
} from './lab-order.fixtures.js';

const entered = (results = NORMAL, source = enter([]).source): LabOrderEvent => ({
  type: 'ResultsEntered',
  data: {
    accessionNumber: ACCESSION,
    reportVersion: 1,
    results: [read(SODIUM, 140), read(POTASSIUM, 4.2), read(CHLORIDE, 101)].filter((r) => results.some((e) => e.code === r.code)),
    source,
    enteredBy: TECHNICIAN,
    enteredAt: at,
  },
});

describe('Lab order', () => {
  describe('when results are entered', () => {
    it('records them as the catalogue reads them, for the first report version', () =>
      given(received).when(enter(NORMAL)).then([entered()]));
    it('becomes resulted', () => expect(orderAfter(resulted).status).to.equal('resulted'));
    it('takes part of the results, the rest to follow', () =>
      given(received)
        .when(enter([numeric(SODIUM, 140)]))
        .then([entered([numeric(SODIUM, 140)])]));
    it('replaces an analyte’s result before verification, and who entered it', () => {
      const report = orderAfter(after(resulted, enter([numeric(POTASSIUM, 4.6)], VERIFIER))).reports;
      expect(report).to.have.length(1);
      expect(report[0]?.results[POTASSIUM.code]).to.deep.equal(read(POTASSIUM, 4.6));
      expect(report[0]?.results[SODIUM.code]).to.deep.equal(read(SODIUM, 140));
      expect(report[0]?.enteredBy).to.deep.equal({ [SODIUM.code]: TECHNICIAN, [POTASSIUM.code]: VERIFIER, [CHLORIDE.code]: TECHNICIAN });
    });
    it('reads the ranges for the patient’s age on the day of collection, not of entry', () => {
      const PEDIATRIC: NumericTest = {
        ...POTASSIUM,
        referenceRanges: [
          { maxAge: { value: 18, unit: 'years' }, low: 3.4, high: 4.7 },
          { minAge: { value: 18, unit: 'years' }, low: 3.4, high: 5.0 },
        ],
      };
      // Eighteen on 3 March 2026: collected the day before, entered the day after.
      const command = { ...enter([numeric(POTASSIUM, 4.9)]), at: iso('2026-03-04T09:00:00.000Z') };
      const [event] = eventsOf(received, { ...command, definitions: [PEDIATRIC], subject: { sex: 'male', birthDate: '2008-03-03' } });
      expect(event?.type === 'ResultsEntered' && event.data.results[0]).to.deep.include({
        flag: 'H',
        range: { low: 3.4, high: 4.7, criticalLow: 2.6, criticalHigh: 6.2 },
      });
    });

    it('applies an analyser message once: delivered again, it records nothing', () => {
      const message = enter(NORMAL, 'analyser:cobas', hl7('MSG-1'));
      given(after(received, message)).when(message).then([]);
    });
    it('records nothing for a message delivered again after verification', () => {
      const message = enter(NORMAL, 'analyser:cobas', hl7('MSG-1'));
      given(after(received, message, verify()))
        .when(message)
        .then([]);
    });
    it('applies another message of the same analyser', () =>
      expect(
        eventsOf(after(received, enter(NORMAL, 'analyser:cobas', hl7('MSG-1'))), enter(NORMAL, 'analyser:cobas', hl7('MSG-2'))),
      ).to.have.length(1));

    it('adds to an open correction, which stays pending', () => {
      const pending = after(final, correct([numeric(POTASSIUM, 3.9)]));
      const [event] = eventsOf(pending, enter([numeric(SODIUM, 138)]));
      expect(event?.data).to.include({ reportVersion: 2 });
      expect(orderAfter([...pending, event as LabOrderEvent]).status).to.equal('correction-pending');
    });

    it('refuses results on a final report with 409 LAB_ORDER_FINAL: a correction is the way', () =>
      expect(refusalOf(final, enter(NORMAL))).to.include({ kind: 'conflict', code: 'LAB_ORDER_FINAL' }));
    it('refuses results on a cancelled order with 409 LAB_ORDER_CANCELLED', () =>
      given(after(received, cancel())).when(enter(NORMAL)).thenFails('LAB_ORDER_CANCELLED'));
    it('refuses results before the specimen is received with 409 SPECIMEN_NOT_RECEIVED', () =>
      expect(refusalOf(collected, enter(NORMAL))).to.include({ kind: 'conflict', code: 'SPECIMEN_NOT_RECEIVED' }));
    it('refuses results of another specimen with 404 SPECIMEN_NOT_FOUND', () =>
      expect(refusalOf(received, enter(NORMAL, TECHNICIAN, undefined, NEXT_ACCESSION))).to.include({
        kind: 'not-found',
        code: 'SPECIMEN_NOT_FOUND',
      }));
    it('refuses results before any collection with 409 SPECIMEN_NOT_COLLECTED', () =>
      given(ordered).when(enter(NORMAL)).thenFails('SPECIMEN_NOT_COLLECTED'));
    it('refuses results of a rejected specimen, once another is received, with 409 SPECIMEN_REJECTED', () =>
      given(after(collected, reject(), collect(NEXT_ACCESSION), receive(NEXT_ACCESSION)))
        .when(enter(NORMAL))
        .thenFails('SPECIMEN_REJECTED'));
    it('takes the results of the new specimen', () =>
      expect(
        eventsOf(
          after(collected, reject(), collect(NEXT_ACCESSION), receive(NEXT_ACCESSION)),
          enter(NORMAL, TECHNICIAN, undefined, NEXT_ACCESSION),
        )[0]?.data,
      ).to.include({ accessionNumber: NEXT_ACCESSION, reportVersion: 1 }));

    it('refuses an entry of no result with 422 NO_RESULTS', () =>
      expect(refusalOf(received, enter([]))).to.deep.include({
        kind: 'invariant',
        code: 'NO_RESULTS',
        problems: [{ path: 'body.results', rule: 'must hold at least one result' }],
      }));
    it('refuses a result for a test not ordered with 422 TEST_NOT_ORDERED', () =>
      expect(refusalOf(received, enter([numeric(SODIUM, 140), numeric(GLUCOSE, 5)]))).to.deep.include({
        kind: 'invariant',
        code: 'TEST_NOT_ORDERED',
        problems: [{ path: 'body.results.1.code', rule: 'must be an analyte this order expects' }],
      }));
    it('refuses a result for a test the catalogue does not define with 422 UNKNOWN_TEST', () =>
      expect(refusalOf(received, { ...enter([numeric(SODIUM, 140), numeric(POTASSIUM, 4)]), definitions: [SODIUM] })).to.deep.include({
        kind: 'invariant',
        code: 'UNKNOWN_TEST',
        problems: [{ path: 'body.results.1.code', rule: 'must be a test of the catalogue' }],
      }));
    it('refuses two results for one analyte with 422 DUPLICATE_TEST', () =>
      expect(refusalOf(received, enter([numeric(SODIUM, 140), numeric(SODIUM, 141)]))).to.deep.include({
        kind: 'invariant',
        code: 'DUPLICATE_TEST',
        problems: [{ path: 'body.results.1.code', rule: 'must not repeat an analyte' }],
      }));
    it('refuses a value no analyser reports with 422 RESULT_IMPLAUSIBLE, naming it', () =>
      expect(refusalOf(received, enter([numeric(SODIUM, 140), numeric(POTASSIUM, 40)]))).to.deep.include({
        kind: 'invariant',
        code: 'RESULT_IMPLAUSIBLE',
        problems: [{ path: 'body.results.1.value', rule: 'must be within the plausible range 1–12 mmol/L' }],
      }));
    it('refuses a coded answer to a numeric test with 422 RESULT_KIND_MISMATCH', () =>
      expect(refusalOf(received, enter([{ code: SODIUM.code, value: { kind: 'coded', code: 'negative' } }]))).to.deep.include({
        code: 'RESULT_KIND_MISMATCH',
        problems: [{ path: 'body.results.0.value', rule: 'must be a numeric result' }],
      }));
    it('refuses an answer the test does not know with 422 UNKNOWN_ANSWER', () => {
      const SEMI_QUANTITATIVE: CodedTest = {
        kind: 'coded',
        code: POTASSIUM.code,
        name: 'Potassium, semi-quantitative',
        specimenType: 'serum',
        answers: [{ code: 'low', display: 'Low' }],
      };
      const ready = after([], place({ tests: [SEMI_QUANTITATIVE], members: [] }), collect(), receive());
      const command = enter([{ code: POTASSIUM.code, value: { kind: 'coded', code: 'high' } }]);
      expect(refusalOf(ready, { ...command, definitions: [SEMI_QUANTITATIVE] })).to.deep.include({
        kind: 'invariant',
        code: 'UNKNOWN_ANSWER',
        problems: [{ path: 'body.results.0.value', rule: 'must be one of: low' }],
      });
    });
  });
});
