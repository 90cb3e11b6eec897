import type { Problem } from '@hcms/shared-kernel';
import { isYoungerThan } from './age.js';
import { hasValidCheckDigit } from './loinc.js';
import type { Age, CodedTest, NumericTest, Panel, ReferenceRange, TestDefinition } from './test-definition.js';

/** Paths as the API names the fields of a definition in a request's body. */
const at = (...segments: readonly (string | number)[]): string => ['body', ...segments].join('.');
const when = (failed: boolean, path: string, rule: string): readonly Problem[] => (failed ? [{ path, rule }] : []);

const BIRTH: Age = { value: 0, unit: 'days' };
const MAX_DECIMALS = 6;

const ageProblems = (range: ReferenceRange, i: number): readonly Problem[] => {
  const malformed = (['minAge', 'maxAge'] as const).flatMap((bound) => {
    const age = range[bound];
    return when(
      age !== undefined && !(Number.isInteger(age.value) && age.value >= 0),
      at('referenceRanges', i, bound, 'value'),
      'must be a whole number of days, months or years, 0 or more',
    );
  });
  if (malformed.length > 0 || range.maxAge === undefined) return malformed;
  return when(
    !isYoungerThan(range.minAge ?? BIRTH, range.maxAge),
    at('referenceRanges', i, range.minAge === undefined ? 'maxAge' : 'minAge'),
    range.minAge === undefined
      ? 'must be above 0: the range covers ages in [minAge, maxAge)'
      : 'must be below maxAge, whatever the birth date',
  );
};

/** Checked against a sound absolute range only: a reversed one is a problem of its own. */
const withinAbsolute = (value: number | undefined, { min, max }: NumericTest['absolute'], path: string): readonly Problem[] =>
  when(min < max && value !== undefined && !(value >= min && value <= max), path, `must be within the absolute range ${min}–${max}`);

const rangeProblems = (range: ReferenceRange, i: number, absolute: NumericTest['absolute']): readonly Problem[] => [
  ...when(range.low === undefined && range.high === undefined, at('referenceRanges', i), 'must set low, high or both'),
  ...when(
    range.low !== undefined && range.high !== undefined && range.low > range.high,
    at('referenceRanges', i, 'low'),
    `must be at most high (${range.high})`,
  ),
  ...withinAbsolute(range.low, absolute, at('referenceRanges', i, 'low')),
  ...withinAbsolute(range.high, absolute, at('referenceRanges', i, 'high')),
  ...ageProblems(range, i),
];

/** A critical limit lies outside every reference range (or on its limit): a normal value is never critical. */
const criticalProblems = ({ critical, referenceRanges, absolute }: NumericTest): readonly Problem[] => {
  const { low, high } = critical;
  const [lowPath, highPath] = [at('critical', 'low'), at('critical', 'high')];
  return [
    ...when(low !== undefined && high !== undefined && low >= high, lowPath, `must be below critical.high (${high})`),
    ...withinAbsolute(low, absolute, lowPath),
    ...withinAbsolute(high, absolute, highPath),
    ...referenceRanges.flatMap((range, i) => [
      ...when(
        low !== undefined && (range.low === undefined || low > range.low),
        lowPath,
        range.low === undefined
          ? `must be at or below every reference range's low: referenceRanges.${i} has none`
          : `must be at or below referenceRanges.${i}.low (${range.low})`,
      ),
      ...when(
        high !== undefined && (range.high === undefined || high < range.high),
        highPath,
        range.high === undefined
          ? `must be at or above every reference range's high: referenceRanges.${i} has none`
          : `must be at or above referenceRanges.${i}.high (${range.high})`,
      ),
    ]),
  ];
};

const numericProblems = (test: NumericTest): readonly Problem[] => [
  ...when(!(test.absolute.min < test.absolute.max), at('absolute', 'min'), `must be below absolute.max (${test.absolute.max})`),
  ...when(test.unit.trim() === '', at('unit'), 'must be a UCUM unit'),
  ...when(
    !(Number.isInteger(test.decimals) && test.decimals >= 0 && test.decimals <= MAX_DECIMALS),
    at('decimals'),
    `must be a whole number from 0 to ${MAX_DECIMALS}`,
  ),
  ...test.referenceRanges.flatMap((range, i) => rangeProblems(range, i, test.absolute)),
  ...criticalProblems(test),
];

/** Each item after the first equal to an earlier one, as `items.i` repeating `items.j`. */
const repeats = (items: readonly string[], path: (i: number) => string, what: (j: number) => string): readonly Problem[] =>
  items.flatMap((item, i) => {
    const first = items.indexOf(item);
    return when(first < i, path(i), `repeats ${what(first)}`);
  });

const codedProblems = ({ answers }: CodedTest): readonly Problem[] => [
  ...when(answers.length === 0, at('answers'), 'must list at least one answer'),
  ...answers.flatMap((answer, i) => [
    ...when(answer.code.trim() === '', at('answers', i, 'code'), 'must not be blank'),
    ...when(answer.display.trim() === '', at('answers', i, 'display'), 'must not be blank'),
  ]),
  ...repeats(
    answers.map((a) => a.code),
    (i) => at('answers', i, 'code'),
    (j) => `answers.${j}.code: each answer once`,
  ),
];

const panelProblems = ({ code, members }: Panel): readonly Problem[] => [
  ...when(members.length === 0, at('members'), 'must list at least one test'),
  ...members.flatMap((member, i) => [
    ...when(member === code, at('members', i), 'must not be the panel itself'),
    ...when(member !== code && !hasValidCheckDigit(member), at('members', i), 'must be a LOINC code whose check digit matches'),
  ]),
  ...repeats(
    members,
    (i) => at('members', i),
    (j) => `members.${j}: each test once`,
  ),
];

const kindProblems = (definition: TestDefinition): readonly Problem[] => {
  switch (definition.kind) {
    case 'numeric':
      return numericProblems(definition);
    case 'coded':
      return codedProblems(definition);
    case 'text':
      return [];
    case 'panel':
      return panelProblems(definition);
  }
};

/** Everything wrong with a definition, each named by the path of its field; none when it holds together. */
export const definitionProblems = (definition: TestDefinition): readonly Problem[] => [
  ...when(!hasValidCheckDigit(definition.code), at('code'), 'must be a LOINC code whose check digit matches'),
  ...when(definition.name.trim() === '', at('name'), 'must not be blank'),
  ...kindProblems(definition),
];

/** Objects compared whatever their keys' order: a definition read back from the log equals the one sent. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
};

export const sameDefinition = (a: TestDefinition, b: TestDefinition): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
