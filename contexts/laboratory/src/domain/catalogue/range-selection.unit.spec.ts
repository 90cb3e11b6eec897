import { expect } from 'chai';
import type { Subject } from '../order/lab-order.commands.js';
import { referenceRangeFor } from './range-selection.js';
import type { Age, LoincCode, NumericTest, ReferenceRange, Sex } from './test-definition.js';

const years = (value: number): Age => ({ value, unit: 'years' });
const months = (value: number): Age => ({ value, unit: 'months' });
const days = (value: number): Age => ({ value, unit: 'days' });

const testWith = (...referenceRanges: ReferenceRange[]): NumericTest => ({
  kind: 'numeric',
  code: '2160-0' as LoincCode,
  name: 'Creatinine [Mass/volume] in Serum or Plasma',
  specimenType: 'serum',
  unit: 'mg/dL',
  decimals: 2,
  referenceRanges,
  critical: {},
  absolute: { min: 0.1, max: 40 },
});
const COLLECTED_ON = '2026-03-01';
const ADULTS: ReferenceRange = { minAge: years(18), low: 0.59, high: 1.35 };
/** Someone of `sex` who is `age` years old on the day of collection (born that day of the year). */
const aged = (age: number, sex: Sex = 'female'): Subject => ({ sex, birthDate: `${2026 - age}-03-01` });
const select = (subject: Subject, ...ranges: ReferenceRange[]) => referenceRangeFor(testWith(...ranges), subject, COLLECTED_ON);

describe('Reference range selection', () => {
  describe('by sex', () => {
    const anyone: ReferenceRange = { low: 0.59, high: 1.35 };
    const men: ReferenceRange = { sex: 'male', low: 0.74, high: 1.35 };
    const women: ReferenceRange = { sex: 'female', low: 0.59, high: 1.04 };

    it('prefers the range of the subject’s sex to one for anyone, wherever it is listed', () => {
      expect(select(aged(40, 'male'), anyone, men, women)).to.equal(men);
      expect(select(aged(40, 'female'), anyone, men, women)).to.equal(women);
    });
    it('reads someone recorded as neither sex against the range for anyone', () => {
      expect(select(aged(40, 'other'), men, women, anyone)).to.equal(anyone);
      expect(select(aged(40, 'unknown'), men, women, anyone)).to.equal(anyone);
    });
    it('never applies a range of the other sex', () => expect(select(aged(40, 'female'), men)).to.equal(undefined));
    it('prefers the sex to a narrower age', () =>
      expect(select(aged(40, 'male'), { minAge: years(18), maxAge: years(65), low: 1, high: 2 }, men)).to.equal(men));
  });

  describe('by age at collection', () => {
    const children: ReferenceRange = { minAge: years(1), maxAge: years(18), low: 0.2, high: 0.9 };

    it('reads someone 18 years old that day as an adult', () => expect(select(aged(18), children, ADULTS)).to.equal(ADULTS));
    it('reads someone a day short of 18 as a child', () =>
      expect(select({ sex: 'female', birthDate: '2008-03-02' }, children, ADULTS)).to.equal(children));
    it('applies no range to an age none covers', () => expect(select(aged(0), children, ADULTS)).to.equal(undefined));
    it('prefers a range bounding more ages', () => {
      const anyAge: ReferenceRange = { low: 0.5, high: 1.5 };
      expect(select(aged(40), anyAge, ADULTS)).to.equal(ADULTS);
    });
    it('prefers the narrower of two bounded intervals', () => {
      const teens: ReferenceRange = { minAge: years(12), maxAge: years(18), low: 0.5, high: 1.0 };
      expect(select(aged(15), children, teens)).to.equal(teens);
    });
    it('measures intervals in different units on the subject’s own calendar', () => {
      const firstMonth: ReferenceRange = { minAge: days(0), maxAge: months(1), low: 0.3, high: 1.0 };
      const first30Days: ReferenceRange = { minAge: days(0), maxAge: days(30), low: 0.3, high: 1.1 };
      const newborn = (birthDate: string, collectedOn: string) =>
        referenceRangeFor(testWith(firstMonth, first30Days), { sex: 'male', birthDate }, collectedOn);
      expect(newborn('2025-12-10', '2025-12-20'), 'born in December: a month is 31 days').to.equal(first30Days);
      expect(newborn('2026-02-10', '2026-02-20'), 'born in February: a month is 28 days').to.equal(firstMonth);
    });
    it('prefers the later of two lower bounds: the elderly over the adults', () => {
      const elderly: ReferenceRange = { minAge: years(65), low: 0.6, high: 1.5 };
      expect(select(aged(70), elderly, ADULTS)).to.equal(elderly);
    });
    it('prefers the earlier of two upper bounds: the infants over the minors', () => {
      const minors: ReferenceRange = { maxAge: years(18), low: 0.2, high: 0.9 };
      const infants: ReferenceRange = { maxAge: years(1), low: 0.1, high: 0.4 };
      expect(select({ sex: 'male', birthDate: '2025-09-01' }, minors, infants)).to.equal(infants);
    });
  });

  describe('among equals', () => {
    it('keeps the first listed', () => {
      const first: ReferenceRange = { sex: 'male', minAge: years(18), low: 0.74, high: 1.35 };
      const second: ReferenceRange = { sex: 'male', minAge: years(18), low: 0.7, high: 1.3 };
      expect(select(aged(40, 'male'), first, second)).to.equal(first);
    });
    it('keeps the first listed when a lower and an upper bound do not compare', () => {
      const upTo65: ReferenceRange = { maxAge: years(65), low: 0.5, high: 1.2 };
      expect(select(aged(40), ADULTS, upTo65)).to.equal(ADULTS);
      expect(select(aged(40), upTo65, ADULTS)).to.equal(upTo65);
    });
  });

  it('applies no range when the test has none', () => expect(select(aged(40))).to.equal(undefined));
});
