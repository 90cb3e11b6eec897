import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { VITAL_KINDS, VITALS, VitalKind, vitalSigns, type MeasuredVital, type VitalsErrorCode } from './vital-signs.js';

const vital = (kind: MeasuredVital['kind'], value: number, unit = VITALS[kind].canonicalUnit, canonical = value): MeasuredVital => ({
  kind,
  value,
  unit,
  canonical,
});
const systolic = vital('systolic-blood-pressure', 120);
const diastolic = vital('diastolic-blood-pressure', 80);
const pulse = vital('heart-rate', 72);

const observations = (measured: readonly MeasuredVital[], latest = {}) => {
  const result = vitalSigns(measured, latest);
  if (E.isLeft(result)) expect.fail(`refused: ${result.left.code}`);
  return result.right;
};
const refusal = (measured: readonly MeasuredVital[], code: VitalsErrorCode, latest = {}) => {
  const result = vitalSigns(measured, latest);
  if (E.isRight(result)) return expect.fail('accepted');
  expect(result.left.code).to.equal(code);
  expect(result.left.kind).to.equal('invariant');
  return result.left.problems ?? [];
};
const bmiOf = (measured: readonly MeasuredVital[], latest = {}) => observations(measured, latest).find((o) => o.kind === 'body-mass-index');

describe('Vital signs', () => {
  describe('when a set is recorded', () => {
    it('records each vital as a LOINC-coded observation with its entered and canonical values', () => {
      const temperature = vital('body-temperature', 98.6, '[degF]', 37);
      expect(observations([systolic, diastolic, temperature])).to.deep.equal([
        { kind: 'systolic-blood-pressure', loinc: '8480-6', value: 120, unit: 'mm[Hg]', canonicalValue: 120, canonicalUnit: 'mm[Hg]' },
        { kind: 'diastolic-blood-pressure', loinc: '8462-4', value: 80, unit: 'mm[Hg]', canonicalValue: 80, canonicalUnit: 'mm[Hg]' },
        { kind: 'body-temperature', loinc: '8310-5', value: 98.6, unit: '[degF]', canonicalValue: 37, canonicalUnit: 'Cel' },
      ]);
    });
    it('codes every kind with LOINC and a UCUM canonical unit', () => {
      expect(VITAL_KINDS.map((kind) => [VITALS[kind].loinc, VITALS[kind].canonicalUnit])).to.deep.equal([
        ['8480-6', 'mm[Hg]'],
        ['8462-4', 'mm[Hg]'],
        ['8867-4', '/min'],
        ['8310-5', 'Cel'],
        ['29463-7', 'kg'],
        ['8302-2', 'cm'],
        ['59408-5', '%'],
      ]);
    });
    it('accepts the vitals of a premature neonate', () =>
      expect(observations([vital('body-weight', 0.6), vital('body-height', 30), vital('heart-rate', 160)])).to.have.length(4));
    it('refuses an empty set', () =>
      expect(refusal([], 'NO_VITALS')).to.deep.equal([{ path: 'body.vitals', rule: 'must hold at least one vital sign' }]));
    it('refuses the same vital twice in one set, naming the repeat', () =>
      expect(refusal([pulse, systolic, diastolic, vital('heart-rate', 75)], 'VITAL_REPEATED')).to.deep.equal([
        { path: 'body.vitals.3.kind', rule: 'repeats entry 0: record each vital sign once in a set' },
      ]));
  });

  describe('when a value is implausible', () => {
    it('refuses a weight in grams sent as kilograms, naming the entry', () =>
      expect(refusal([pulse, vital('body-temperature', 37), vital('body-weight', 80000)], 'VITAL_IMPLAUSIBLE')).to.deep.equal([
        { path: 'body.vitals.2.value', rule: 'must be between 0.2 and 650 kg; check the unit' },
      ]));
    it('refuses a temperature in Fahrenheit sent as Celsius', () =>
      expect(refusal([vital('body-temperature', 98.6)], 'VITAL_IMPLAUSIBLE')).to.deep.equal([
        { path: 'body.vitals.0.value', rule: 'must be between 25 and 45 Cel; check the unit' },
      ]));
    it('checks the canonical value, not the entered one', () =>
      expect(observations([vital('body-height', 70, '[in_i]', 177.8)])).to.have.length(1));
    it('names every implausible entry', () =>
      expect(
        refusal([vital('oxygen-saturation', 0.97), pulse, vital('body-height', 1.8)], 'VITAL_IMPLAUSIBLE').map((p) => p.path),
      ).to.deep.equal(['body.vitals.0.value', 'body.vitals.2.value']));
    it('refuses a value that is not a number', () => expect(refusal([vital('heart-rate', NaN)], 'VITAL_IMPLAUSIBLE')).to.have.length(1));
  });

  describe('when a blood pressure is recorded', () => {
    it('refuses a systolic pressure without its diastolic', () =>
      expect(refusal([pulse, systolic], 'BLOOD_PRESSURE_INCOMPLETE')).to.deep.equal([
        { path: 'body.vitals.1.kind', rule: 'needs the diastolic pressure in the same set' },
      ]));
    it('refuses a diastolic pressure without its systolic', () =>
      expect(refusal([diastolic], 'BLOOD_PRESSURE_INCOMPLETE')).to.deep.equal([
        { path: 'body.vitals.0.kind', rule: 'needs the systolic pressure in the same set' },
      ]));
    it('refuses a systolic pressure below the diastolic', () =>
      expect(refusal([diastolic, vital('systolic-blood-pressure', 70)], 'BLOOD_PRESSURE_INVERTED')).to.deep.equal([
        { path: 'body.vitals.1.value', rule: 'must be higher than the diastolic pressure' },
      ]));
    it('refuses a systolic pressure equal to the diastolic', () =>
      expect(
        refusal([vital('systolic-blood-pressure', 90), vital('diastolic-blood-pressure', 90)], 'BLOOD_PRESSURE_INVERTED'),
      ).to.have.length(1));
  });

  describe('when a weight or a height is recorded', () => {
    it('derives the BMI from both, once converted (176.37 lb is 80 kg)', () =>
      expect(bmiOf([vital('body-weight', 176.37, '[lb_av]', 80), vital('body-height', 180)])).to.deep.equal({
        kind: 'body-mass-index',
        loinc: '39156-5',
        value: 24.7,
        unit: 'kg/m2',
        canonicalValue: 24.7,
        canonicalUnit: 'kg/m2',
      }));
    it('derives the BMI from a new weight and the latest known height', () =>
      expect(bmiOf([vital('body-weight', 72)], { weightKg: 90, heightCm: 165 })?.value).to.equal(26.4));
    it('derives the BMI from a new height and the latest known weight', () =>
      expect(bmiOf([vital('body-height', 150)], { weightKg: 45 })?.value).to.equal(20));
    it('prefers the height in this set to the latest known', () =>
      expect(bmiOf([vital('body-weight', 80), vital('body-height', 180)], { heightCm: 150 })?.value).to.equal(24.7));
    it('derives no BMI without a height', () => expect(bmiOf([vital('body-weight', 80)], { weightKg: 81 })).to.equal(undefined));
    it('derives no new BMI when the set holds neither weight nor height', () =>
      expect(bmiOf([pulse], { weightKg: 80, heightCm: 180 })).to.equal(undefined));
    it('refuses a weight that, with the latest known height, makes an impossible BMI', () =>
      expect(refusal([vital('body-weight', 600)], 'VITAL_IMPLAUSIBLE', { heightCm: 60 })).to.deep.equal([
        {
          path: 'body.vitals.0.value',
          rule: 'gives, with the latest known height, a body mass index outside 3–250 kg/m2; check the units',
        },
      ]));
  });

  describe('when the kind of a vital is decoded', () => {
    it('accepts a known kind', () => expect(E.isRight(VitalKind.decode('oxygen-saturation'))).to.equal(true));
    it('refuses BMI, which is derived, never entered', () => expect(E.isRight(VitalKind.decode('body-mass-index'))).to.equal(false));
  });
});
