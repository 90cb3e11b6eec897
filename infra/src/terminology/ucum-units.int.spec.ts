import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { ucumUnits } from './ucum-units.js';

const units = ucumUnits();
const converted = (value: number, unit: string, canonicalUnit: string): number => {
  const result = units.convert(value, unit, canonicalUnit);
  if (E.isLeft(result)) return expect.fail(`refused: ${result.left.rule}`);
  return result.right;
};
const refusal = (unit: string, canonicalUnit: string): string => {
  const result = units.convert(1, unit, canonicalUnit);
  if (E.isRight(result)) return expect.fail(`accepted ${unit} for ${canonicalUnit}`);
  return result.left.rule;
};

describe('UCUM units (the LHC library)', () => {
  describe('when a value is converted to its canonical unit', () => {
    it('turns pounds into kilograms, rounding away the rounding of the pounds', () =>
      expect(converted(176.37, '[lb_av]', 'kg')).to.equal(80));
    it('turns grams into kilograms', () => expect(converted(3450, 'g', 'kg')).to.equal(3.45));
    it('turns inches into centimetres', () => expect(converted(70, '[in_i]', 'cm')).to.equal(177.8));
    it('turns Fahrenheit into Celsius, offset included', () => {
      expect(converted(98.6, '[degF]', 'Cel')).to.equal(37);
      expect(converted(32, '[degF]', 'Cel')).to.equal(0);
      expect(Object.is(converted(32, '[degF]', 'Cel'), 0)).to.equal(true);
      expect(converted(101.3, '[degF]', 'Cel')).to.equal(38.5);
    });
    it('turns kilopascals into millimetres of mercury', () => expect(converted(16, 'kPa', 'mm[Hg]')).to.equal(120.01));
    it('keeps a value already in the canonical unit as entered', () => {
      expect(converted(120, 'mm[Hg]', 'mm[Hg]')).to.equal(120);
      expect(converted(97, '%', '%')).to.equal(97);
      expect(converted(72, '/min', '/min')).to.equal(72);
      expect(converted(102.345, 'kg', 'kg')).to.equal(102.345);
    });
    it('accepts an annotation, which UCUM gives no meaning', () => expect(converted(72, '{beats}/min', '/min')).to.equal(72));
  });

  describe('when the unit is not UCUM', () => {
    it('suggests the unit meant when the library finds it', () => {
      expect(refusal('lbs', 'kg')).to.equal('must be a UCUM unit (did you mean [lb_av]?)');
      expect(refusal('kgs', 'kg')).to.equal('must be a UCUM unit (did you mean kg?)');
      expect(refusal('degF', 'Cel')).to.equal('must be a UCUM unit (did you mean [degF]?)');
      expect(refusal('mmHg', 'mm[Hg]')).to.equal('must be a UCUM unit (did you mean mm[Hg]?)');
    });
    it('offers examples when nothing is found', () => {
      expect(refusal('xyz', 'kg')).to.equal('must be a UCUM unit (such as kg, g or [lb_av])');
      expect(refusal('bpm', '/min')).to.equal('must be a UCUM unit (such as /min or {beats}/min)');
      expect(refusal('', 'cm')).to.equal('must be a UCUM unit (such as cm, m or [in_i])');
    });
    it('never suggests a unit of the right kind that is not one meant (lb is not the apothecaries’ pound)', () =>
      expect(refusal('lb', 'kg')).to.equal('must be a UCUM unit (such as kg, g or [lb_av])'));
    it('is case-sensitive, as UCUM is', () => expect(refusal('Kg', 'kg')).to.equal('must be a UCUM unit (such as kg, g or [lb_av])'));
    it('refuses a unit with a space in it', () => expect(refusal('k g', 'kg')).to.equal('must be a UCUM unit (such as kg, g or [lb_av])'));
  });

  describe('when the unit measures something else', () => {
    it('refuses a length for a weight', () =>
      expect(refusal('cm', 'kg')).to.equal("must be a unit of kg's kind, such as kg, g or [lb_av]"));
    it('refuses a fraction for a rate', () =>
      expect(refusal('%', '/min')).to.equal("must be a unit of /min's kind, such as /min or {beats}/min"));
    it('refuses an arbitrary unit, which converts to nothing', () =>
      expect(refusal('[IU]', '%')).to.equal("must be a unit of %'s kind, such as %"));
  });

  it('treats a canonical unit that is not UCUM as a fault', () =>
    expect(() => units.convert(1, 'kg', 'kgs')).to.throw('kgs is not a UCUM unit'));
});
