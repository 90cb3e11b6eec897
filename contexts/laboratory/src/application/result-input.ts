import * as E from 'fp-ts/lib/Either.js';
import { invariantViolated, type DomainError, type Problem } from '@hcms/shared-kernel';
import type { AnalyteTest } from '../domain/catalogue/test-definition.js';
import type { EnteredResult, EnteredValue } from '../domain/order/lab-order.commands.js';
import type { Comparator } from '../domain/order/lab-order.values.js';
import type { Units } from './laboratory.deps.js';

/** A result as a technician or an analyser gives it: a number with its unit, a coded answer, or text. */
export type ResultInput =
  | { readonly code: string; readonly value: number; readonly unit?: string; readonly comparator?: Comparator }
  | { readonly code: string; readonly answer: string }
  | { readonly code: string; readonly text: string };

/**
 * The entered value in the test's unit: UCUM converts another unit of the same kind (g/L to g/dL),
 * and the value as given is kept beside it. A unit of another kind is refused, naming the field.
 */
const numeric = (
  units: Units,
  test: AnalyteTest | undefined,
  input: Extract<ResultInput, { value: number }>,
  path: string,
): E.Either<Problem, EnteredValue> => {
  const comparator = input.comparator === undefined ? {} : { comparator: input.comparator };
  if (test?.kind !== 'numeric' || input.unit === undefined || input.unit === test.unit)
    return E.right({ kind: 'numeric', value: input.value, ...comparator });
  const converted = units.convert(input.value, input.unit, test.unit);
  return E.isLeft(converted)
    ? E.left({ path: `${path}.unit`, rule: converted.left.rule })
    : E.right({ kind: 'numeric', value: converted.right, ...comparator, entered: { value: input.value, unit: input.unit } });
};

/** Every input as the domain takes it, or every unit problem at once (422 `INVALID_UNIT`). */
export const enteredResults = (
  units: Units,
  definitions: readonly AnalyteTest[],
  inputs: readonly ResultInput[],
  path = 'body.results',
): E.Either<DomainError, EnteredResult[]> => {
  const problems: Problem[] = [];
  const results = inputs.map((input, i): EnteredResult => {
    const test = definitions.find((d) => d.code === input.code);
    if ('answer' in input) return { code: input.code, value: { kind: 'coded', code: input.answer } };
    if ('text' in input) return { code: input.code, value: { kind: 'text', text: input.text } };
    const value = numeric(units, test, input, `${path}.${i}`);
    if (E.isLeft(value)) problems.push(value.left);
    return { code: input.code, value: E.isRight(value) ? value.right : { kind: 'numeric', value: input.value } };
  });
  return problems.length > 0
    ? E.left(invariantViolated('INVALID_UNIT', 'a unit is not UCUM, or not of the test’s kind', { problems }))
    : E.right(results);
};
