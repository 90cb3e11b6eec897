import type { Subject } from '../order/lab-order.commands.js';
import { dayNumber, dayReaching, isAtLeast } from './age.js';
import type { Age, NumericTest, ReferenceRange } from './test-definition.js';

const applies = (range: ReferenceRange, subject: Subject, collectedOn: string): boolean =>
  (range.sex === undefined || range.sex === subject.sex) &&
  (range.minAge === undefined || isAtLeast(subject.birthDate, range.minAge, collectedOn)) &&
  (range.maxAge === undefined || !isAtLeast(subject.birthDate, range.maxAge, collectedOn));

const sexNamed = (range: ReferenceRange): number => (range.sex === undefined ? 0 : 1);
const ageBounds = (range: ReferenceRange): number => (range.minAge === undefined ? 0 : 1) + (range.maxAge === undefined ? 0 : 1);

/**
 * Negative when `a`'s age interval is narrower than `b`'s, both having the same bounds set. They are
 * measured in days of this subject's life, so "6 months" and "180 days" compare as they fall for them.
 * Two open-ended intervals compare by their one bound; a lower against an upper one does not compare.
 */
const narrower = (a: ReferenceRange, b: ReferenceRange, birthDate: string): number => {
  const day = (age: Age | undefined) => (age === undefined ? undefined : dayNumber(dayReaching(birthDate, age)));
  const [aFrom, aTo, bFrom, bTo] = [day(a.minAge), day(a.maxAge), day(b.minAge), day(b.maxAge)];
  if (aFrom !== undefined && aTo !== undefined && bFrom !== undefined && bTo !== undefined) return aTo - aFrom - (bTo - bFrom);
  if (aFrom !== undefined && bFrom !== undefined && aTo === undefined && bTo === undefined) return bFrom - aFrom;
  if (aTo !== undefined && bTo !== undefined && aFrom === undefined && bFrom === undefined) return aTo - bTo;
  return 0;
};

/** Negative when `a` is more specific than `b`: it names the sex, then bounds more ages, then spans fewer. */
const bySpecificity =
  (birthDate: string) =>
  (a: ReferenceRange, b: ReferenceRange): number =>
    sexNamed(b) - sexNamed(a) || ageBounds(b) - ageBounds(a) || narrower(a, b, birthDate);

/**
 * The reference range a result collected on `collectedOn` (`YYYY-MM-DD`) is read against: of the
 * ranges for the subject's sex and age then, the most specific, the first listed among equals.
 * None applies (a sex or an age the catalogue does not cover): undefined, and the result is not flagged.
 */
export const referenceRangeFor = (test: NumericTest, subject: Subject, collectedOn: string): ReferenceRange | undefined => {
  const moreSpecific = bySpecificity(subject.birthDate);
  return test.referenceRanges
    .filter((range) => applies(range, subject, collectedOn))
    .reduce<ReferenceRange | undefined>((best, range) => (best === undefined || moreSpecific(range, best) < 0 ? range : best), undefined);
};
