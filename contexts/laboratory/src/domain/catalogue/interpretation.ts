import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { invariantViolated } from '@hcms/shared-kernel';
import type { EnteredValue, Subject } from '../order/lab-order.commands.js';
import type { LabOrderError, LabOrderErrorCode } from '../order/lab-order.errors.js';
import type { AnalyteResult, AppliedRange, Comparator, Flag } from '../order/lab-order.values.js';
import { referenceRangeFor } from './range-selection.js';
import type { AnalyteTest, CodedTest, NumericTest, ReferenceRange } from './test-definition.js';

type Interpreted = E.Either<LabOrderError, AnalyteResult>;
type Entered<K extends EnteredValue['kind']> = Extract<EnteredValue, { kind: K }>;

const refuse = (code: LabOrderErrorCode, message: string, path: string, rule: string): Interpreted =>
  E.left(invariantViolated(code, message, { problems: [{ path, rule }] }));

/** Half away from zero, as laboratories report (2.25 → 2.3, −2.25 → −2.3); `toPrecision` first drops binary noise (1.005 is 1.00499…). */
export const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor || 0;
};

/** The values a result can stand for: one number, or every plausible value on one side of it (`<10`). */
interface Interval {
  readonly low: number;
  readonly high: number;
  readonly lowIncluded: boolean;
  readonly highIncluded: boolean;
}

/** Of a plausible value: nothing lies beyond the plausible range, so `<0.3` of a test reading from 0 stands for [0, 0.3). */
const possibleValues = (value: number, comparator: Comparator | undefined, { min, max }: NumericTest['absolute']): Interval => {
  switch (comparator) {
    case undefined:
      return { low: value, high: value, lowIncluded: true, highIncluded: true };
    case '<':
    case '<=':
      return { low: min, high: value, lowIncluded: true, highIncluded: comparator === '<=' };
    case '>':
    case '>=':
      return { low: value, high: max, lowIncluded: comparator === '>=', highIncluded: true };
    default:
      return absurd(comparator);
  }
};

/** Flags hold for every value the result can stand for; an interval across a limit gets none. */
const flagOf = (v: Interval, critical: NumericTest['critical'], range: ReferenceRange | undefined): Flag | undefined => {
  if (critical.low !== undefined && v.high <= critical.low) return 'LL';
  if (critical.high !== undefined && v.low >= critical.high) return 'HH';
  if (range === undefined) return undefined;
  const { low, high } = range;
  if (low !== undefined && (v.high < low || (v.high === low && !v.highIncluded))) return 'L';
  if (high !== undefined && (v.low > high || (v.low === high && !v.lowIncluded))) return 'H';
  if ((low === undefined || v.low >= low) && (high === undefined || v.high <= high)) return 'N';
  return undefined;
};

const appliedRange = (critical: NumericTest['critical'], range: ReferenceRange | undefined): AppliedRange | undefined => {
  const applied: AppliedRange = {
    ...(range?.low === undefined ? {} : { low: range.low }),
    ...(range?.high === undefined ? {} : { high: range.high }),
    ...(critical.low === undefined ? {} : { criticalLow: critical.low }),
    ...(critical.high === undefined ? {} : { criticalHigh: critical.high }),
  };
  return Object.keys(applied).length === 0 ? undefined : applied;
};

const numeric = (test: NumericTest, entered: Entered<'numeric'>, subject: Subject, collectedOn: string, path: string): Interpreted => {
  const value = roundTo(entered.value, test.decimals);
  const { min, max } = test.absolute;
  // NaN fails both comparisons: it is implausible too.
  if (!(value >= min && value <= max))
    return refuse(
      'RESULT_IMPLAUSIBLE',
      'the value is outside what the analyser can report: check the unit and the specimen',
      path,
      `must be within the plausible range ${min}–${max} ${test.unit}`,
    );
  const range = referenceRangeFor(test, subject, collectedOn);
  const flag = flagOf(possibleValues(value, entered.comparator, test.absolute), test.critical, range);
  const applied = appliedRange(test.critical, range);
  return E.right({
    code: test.code,
    name: test.name,
    value: {
      kind: 'numeric',
      value,
      unit: test.unit,
      ...(entered.comparator === undefined ? {} : { comparator: entered.comparator }),
      ...(entered.entered === undefined ? {} : { entered: entered.entered }),
    },
    critical: flag === 'LL' || flag === 'HH',
    ...(flag === undefined ? {} : { flag }),
    ...(applied === undefined ? {} : { range: applied }),
  });
};

const coded = (test: CodedTest, entered: Entered<'coded'>, path: string): Interpreted => {
  const answer = test.answers.find((a) => a.code === entered.code);
  if (answer === undefined)
    return refuse(
      'UNKNOWN_ANSWER',
      'the answer is not one of the test’s answers',
      path,
      `must be one of: ${test.answers.map((a) => a.code).join(', ')}`,
    );
  return E.right({
    code: test.code,
    name: test.name,
    value: { kind: 'coded', code: answer.code, display: answer.display },
    critical: false,
    flag: answer.abnormal === true ? 'A' : 'N',
  });
};

/**
 * One entered value read against its test's definition as it stands: rounded to the test's
 * precision, refused when no analyser could report it, flagged against the reference range for the
 * subject at collection and the critical limits. `path` names the entered value in the request, for
 * the refusal's problem.
 */
export const interpret = (test: AnalyteTest, value: EnteredValue, subject: Subject, collectedOn: string, path: string): Interpreted => {
  if (test.kind === 'numeric' && value.kind === 'numeric') return numeric(test, value, subject, collectedOn, path);
  if (test.kind === 'coded' && value.kind === 'coded') return coded(test, value, path);
  if (test.kind === 'text' && value.kind === 'text')
    return E.right({ code: test.code, name: test.name, value: { kind: 'text', text: value.text }, critical: false });
  return refuse(
    'RESULT_KIND_MISMATCH',
    `test ${test.code} takes a ${test.kind} result, not a ${value.kind} one`,
    path,
    `must be a ${test.kind} result`,
  );
};
