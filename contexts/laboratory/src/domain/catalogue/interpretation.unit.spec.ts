import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { EnteredValue, Subject } from '../order/lab-order.commands.js';
import type { LabOrderError, LabOrderErrorCode } from '../order/lab-order.errors.js';
import type { AnalyteResult, Comparator } from '../order/lab-order.values.js';
import { interpret, roundTo } from './interpretation.js';
import { catalogueEntry } from './starter-catalogue.js';
import type { Age, AnalyteTest, CodedTest, LoincCode, NumericTest, TextTest } from './test-definition.js';

const ADULT: Age = { value: 18, unit: 'years' };
const POTASSIUM: NumericTest = {
  kind: 'numeric',
  code: '2823-3' as LoincCode,
  name: 'Potassium [Moles/volume] in Serum or Plasma',
  specimenType: 'serum',
  unit: 'mmol/L',
  decimals: 1,
  referenceRanges: [{ low: 3.5, high: 5.1 }],
  critical: { low: 2.5, high: 6.5 },
  absolute: { min: 0.5, max: 15 },
};
const HEMOGLOBIN: NumericTest = {
  ...POTASSIUM,
  code: '718-7' as LoincCode,
  name: 'Hemoglobin [Mass/volume] in Blood',
  specimenType: 'whole-blood',
  unit: 'g/dL',
  referenceRanges: [
    { sex: 'male', minAge: ADULT, low: 13.5, high: 17.5 },
    { sex: 'female', minAge: ADULT, low: 12.0, high: 15.5 },
  ],
  critical: { low: 7.0, high: 20.0 },
  absolute: { min: 1, max: 26 },
};
const ALKALINE_PHOSPHATASE: NumericTest = {
  ...POTASSIUM,
  code: '6768-6' as LoincCode,
  name: 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma',
  unit: 'U/L',
  decimals: 0,
  referenceRanges: [
    { minAge: ADULT, low: 40, high: 129 },
    { minAge: { value: 1, unit: 'years' }, maxAge: ADULT, low: 100, high: 390 },
  ],
  critical: {},
  absolute: { min: 0, max: 5000 },
};
const CRP: NumericTest = {
  ...POTASSIUM,
  code: '1988-5' as LoincCode,
  name: 'C reactive protein [Mass/volume] in Serum or Plasma',
  unit: 'mg/L',
  referenceRanges: [{ low: 0, high: 5.0 }],
  critical: {},
  absolute: { min: 0, max: 600 },
};
const NITRITE: CodedTest = {
  kind: 'coded',
  code: '5802-4' as LoincCode,
  name: 'Nitrite [Presence] in Urine by Test strip',
  specimenType: 'urine',
  answers: [
    { code: 'negative', display: 'Negative' },
    { code: 'positive', display: 'Positive', abnormal: true },
  ],
};
const COLOR: TextTest = { kind: 'text', code: '5778-6' as LoincCode, name: 'Color of Urine', specimenType: 'urine' };

const COLLECTED_ON = '2026-03-01';
const PATH = 'body.results.0.value';
const WOMAN: Subject = { sex: 'female', birthDate: '1980-05-01' };
const MAN: Subject = { sex: 'male', birthDate: '1980-05-01' };
const CHILD: Subject = { sex: 'male', birthDate: '2020-05-01' };

const measured = (value: number, comparator?: Comparator): EnteredValue => ({
  kind: 'numeric',
  value,
  ...(comparator ? { comparator } : {}),
});
const resultOf = (test: AnalyteTest, value: EnteredValue, subject = WOMAN, collectedOn = COLLECTED_ON): AnalyteResult => {
  const result = interpret(test, value, subject, collectedOn, PATH);
  if (E.isLeft(result)) return expect.fail(`refused: ${result.left.code}`);
  return result.right;
};
const refusalOf = (test: AnalyteTest, value: EnteredValue, code: LabOrderErrorCode): LabOrderError => {
  const result = interpret(test, value, WOMAN, COLLECTED_ON, PATH);
  if (E.isRight(result)) return expect.fail(`accepted: ${JSON.stringify(result.right)}`);
  expect(result.left).to.include({ kind: 'invariant', code });
  return result.left;
};
const flagOf = (test: NumericTest, value: number, comparator?: Comparator, subject = WOMAN) =>
  resultOf(test, measured(value, comparator), subject).flag;

describe('Result interpretation', () => {
  describe('of a numeric result', () => {
    it('reports the value in the test’s unit, flagged against the range it was read against', () =>
      expect(resultOf(POTASSIUM, measured(4.2))).to.deep.equal({
        code: '2823-3',
        name: 'Potassium [Moles/volume] in Serum or Plasma',
        value: { kind: 'numeric', value: 4.2, unit: 'mmol/L' },
        critical: false,
        flag: 'N',
        range: { low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5 },
      }));
    it('keeps the comparator and the value as entered in another unit', () =>
      expect(
        resultOf(POTASSIUM, { kind: 'numeric', value: 4.2, comparator: '<', entered: { value: 16.4, unit: 'mg/dL' } }).value,
      ).to.deep.equal({
        kind: 'numeric',
        value: 4.2,
        unit: 'mmol/L',
        comparator: '<',
        entered: { value: 16.4, unit: 'mg/dL' },
      }));
    it('flags N within the range, its limits included', () => {
      expect(flagOf(POTASSIUM, 3.5)).to.equal('N');
      expect(flagOf(POTASSIUM, 5.1)).to.equal('N');
    });
    it('flags L below the range and H above it', () => {
      expect(flagOf(POTASSIUM, 3.4)).to.equal('L');
      expect(flagOf(POTASSIUM, 5.2)).to.equal('H');
    });
    it('flags LL at or below the critical low and HH at or above the critical high, as critical', () => {
      expect(resultOf(POTASSIUM, measured(2.5))).to.include({ flag: 'LL', critical: true });
      expect(resultOf(POTASSIUM, measured(2.1))).to.include({ flag: 'LL', critical: true });
      expect(resultOf(POTASSIUM, measured(6.5))).to.include({ flag: 'HH', critical: true });
      expect(resultOf(POTASSIUM, measured(6.8))).to.include({ flag: 'HH', critical: true });
    });
    it('flags H, not critical, just under the critical high', () =>
      expect(resultOf(POTASSIUM, measured(6.4))).to.include({ flag: 'H', critical: false }));
    it('flags the starter catalogue’s potassium of 6.8 HH', () => {
      const potassium = catalogueEntry('2823-3');
      if (potassium?.kind !== 'numeric') return expect.fail('no numeric potassium in the starter catalogue');
      return expect(resultOf(potassium, measured(6.8))).to.include({ flag: 'HH', critical: true });
    });
  });

  describe('of a result with a comparator', () => {
    it('flags LL when every value it stands for is critical', () => {
      expect(flagOf(POTASSIUM, 2.0, '<')).to.equal('LL');
      expect(flagOf(POTASSIUM, 2.5, '<=')).to.equal('LL');
    });
    it('flags HH when every value it stands for is critical', () => {
      expect(flagOf(POTASSIUM, 7.0, '>')).to.equal('HH');
      expect(flagOf(POTASSIUM, 6.5, '>=')).to.equal('HH');
    });
    it('flags L or H, not critical, when only some values it stands for are critical', () => {
      expect(resultOf(POTASSIUM, measured(3.0, '<'))).to.include({ flag: 'L', critical: false });
      expect(resultOf(POTASSIUM, measured(6.0, '>'))).to.include({ flag: 'H', critical: false });
    });
    it('flags L below the low limit when the limit itself is excluded', () => {
      expect(flagOf(POTASSIUM, 3.5, '<')).to.equal('L');
      expect(flagOf(POTASSIUM, 5.1, '>')).to.equal('H');
    });
    it('flags nothing when the values it stands for reach across a limit', () => {
      expect(flagOf(POTASSIUM, 3.5, '<=')).to.equal(undefined);
      expect(flagOf(POTASSIUM, 5.1, '>=')).to.equal(undefined);
      expect(flagOf(POTASSIUM, 5.0, '<')).to.equal(undefined);
      expect(flagOf(POTASSIUM, 4.0, '>')).to.equal(undefined);
    });
    it('flags N when every plausible value it stands for is normal', () => expect(flagOf(CRP, 0.3, '<')).to.equal('N'));
  });

  describe('against a range chosen for the subject', () => {
    it('reads a woman’s hemoglobin against women’s range and a man’s against men’s', () => {
      expect(flagOf(HEMOGLOBIN, 13.0, undefined, WOMAN)).to.equal('N');
      expect(flagOf(HEMOGLOBIN, 13.0, undefined, MAN)).to.equal('L');
    });
    it('reads someone 18 years old that day against the adults’ range and a day younger against the children’s', () => {
      const alp = (birthDate: string) => resultOf(ALKALINE_PHOSPHATASE, measured(200), { sex: 'female', birthDate });
      expect(alp('2008-03-01')).to.deep.include({ flag: 'H', range: { low: 40, high: 129 } });
      expect(alp('2008-03-02')).to.deep.include({ flag: 'N', range: { low: 100, high: 390 } });
    });
    it('flags nothing when no range applies: no range is not normal', () => {
      const result = resultOf(ALKALINE_PHOSPHATASE, measured(200), { sex: 'male', birthDate: '2025-09-01' });
      expect(result).to.deep.equal({
        code: '6768-6',
        name: ALKALINE_PHOSPHATASE.name,
        value: { kind: 'numeric', value: 200, unit: 'U/L' },
        critical: false,
      });
    });
    it('still flags a critical value when no range applies, with the critical limits as its range', () => {
      expect(resultOf(HEMOGLOBIN, measured(6.1), CHILD)).to.deep.include({
        flag: 'LL',
        critical: true,
        range: { criticalLow: 7, criticalHigh: 20 },
      });
      expect(resultOf(HEMOGLOBIN, measured(11.0), CHILD)).to.deep.include({ critical: false, range: { criticalLow: 7, criticalHigh: 20 } });
      expect(resultOf(HEMOGLOBIN, measured(11.0), CHILD)).not.to.have.property('flag');
    });
  });

  describe('of a value beyond what an analyser reports', () => {
    it('refuses it with RESULT_IMPLAUSIBLE naming the plausible range, never flags it', () => {
      expect(refusalOf(POTASSIUM, measured(16), 'RESULT_IMPLAUSIBLE').problems).to.deep.equal([
        { path: PATH, rule: 'must be within the plausible range 0.5–15 mmol/L' },
      ]);
      refusalOf(POTASSIUM, measured(0.4), 'RESULT_IMPLAUSIBLE');
      refusalOf(POTASSIUM, measured(Number.NaN), 'RESULT_IMPLAUSIBLE');
    });
    it('accepts a value that rounds to the plausible limit', () => expect(resultOf(POTASSIUM, measured(15.04))).to.include({ flag: 'HH' }));
  });

  describe('rounding', () => {
    it('rounds to the test’s decimals before flagging', () => {
      expect(resultOf(POTASSIUM, measured(5.14))).to.deep.include({ value: { kind: 'numeric', value: 5.1, unit: 'mmol/L' }, flag: 'N' });
      expect(resultOf(POTASSIUM, measured(6.46))).to.deep.include({ value: { kind: 'numeric', value: 6.5, unit: 'mmol/L' }, flag: 'HH' });
    });
    it('rounds half away from zero', () => {
      expect(roundTo(4.25, 1)).to.equal(4.3);
      expect(roundTo(-4.25, 1)).to.equal(-4.3);
      expect(roundTo(99.5, 0)).to.equal(100);
      expect(roundTo(4.249, 1)).to.equal(4.2);
    });
    it('rounds decimals binary floating point cannot hold exactly', () => {
      expect(roundTo(1.005, 2)).to.equal(1.01);
      expect(roundTo(2.675, 2)).to.equal(2.68);
      expect(roundTo(1.0049, 2)).to.equal(1);
    });
    it('never reports minus zero', () => expect(Object.is(roundTo(-0.04, 1), 0)).to.equal(true));
  });

  describe('of a coded result', () => {
    it('flags an abnormal answer A, not critical', () =>
      expect(resultOf(NITRITE, { kind: 'coded', code: 'positive' })).to.deep.equal({
        code: '5802-4',
        name: NITRITE.name,
        value: { kind: 'coded', code: 'positive', display: 'Positive' },
        critical: false,
        flag: 'A',
      }));
    it('flags a normal answer N', () => expect(resultOf(NITRITE, { kind: 'coded', code: 'negative' })).to.include({ flag: 'N' }));
    it('refuses an answer the test does not have with UNKNOWN_ANSWER, listing its answers', () =>
      expect(refusalOf(NITRITE, { kind: 'coded', code: 'pos' }, 'UNKNOWN_ANSWER').problems).to.deep.equal([
        { path: PATH, rule: 'must be one of: negative, positive' },
      ]));
  });

  describe('of a text result', () => {
    it('reports the text, unflagged', () =>
      expect(resultOf(COLOR, { kind: 'text', text: 'Amber' })).to.deep.equal({
        code: '5778-6',
        name: 'Color of Urine',
        value: { kind: 'text', text: 'Amber' },
        critical: false,
      }));
  });

  describe('of a result of the wrong kind', () => {
    it('refuses it with RESULT_KIND_MISMATCH naming the field', () => {
      expect(refusalOf(NITRITE, measured(1), 'RESULT_KIND_MISMATCH').problems).to.deep.equal([
        { path: PATH, rule: 'must be a coded result' },
      ]);
      refusalOf(POTASSIUM, { kind: 'text', text: 'high' }, 'RESULT_KIND_MISMATCH');
      refusalOf(COLOR, { kind: 'coded', code: 'negative' }, 'RESULT_KIND_MISMATCH');
    });
  });
});
