import * as E from 'fp-ts/lib/Either.js';
import type { DomainError } from '@hcms/shared-kernel';
import type { ReceivedObservation } from '../domain/inbox/parked-result.events.js';
import type { Comparator } from '../domain/order/lab-order.values.js';
import type { ResultInput } from './result-input.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** SN's first component: none (empty, `=`) or a comparator. A Map: a sender's text is never looked up on an object's prototype. */
const COMPARATORS = new Map<string, Comparator | undefined>([
  ['', undefined],
  ['=', undefined],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
]);
/** OBX-11 statuses that say there is no value: not obtained (X), deleted (D), not asked (N). */
const NO_VALUE = new Set(['X', 'D', 'N']);
const CODED = new Set(['CE', 'CWE', 'CNE', 'CF']);
const TEXT = new Set(['ST', 'TX', 'FT']);

/**
 * An analyser's observation (OBX) as a result input: NM `6.8`, SN `<^10` (a comparator and a
 * number; ranges and ratios are not taken), a coded answer's first component, or text. Why not,
 * naming the OBX (never its value, which is the patient's).
 */
export const observationInput = (obs: ReceivedObservation, n: number): E.Either<string, ResultInput> => {
  const where = `OBX ${n} (${obs.code})`;
  const unit = obs.unit === undefined || obs.unit === '' ? {} : { unit: obs.unit };
  if (obs.valueType === 'NM') {
    return NUMBER.test(obs.value.trim())
      ? E.right({ code: obs.code, value: Number(obs.value), ...unit })
      : E.left(`${where}: OBX-5 is not a number`);
  }
  if (obs.valueType === 'SN') {
    const [sign = '', number = '', separator = '', ...rest] = obs.value.split('^');
    const comparator = COMPARATORS.get(sign);
    if (!COMPARATORS.has(sign) || separator !== '' || rest.some((r) => r !== '') || !NUMBER.test(number.trim()))
      return E.left(`${where}: OBX-5 must be a structured number with an optional comparator (<^10)`);
    return E.right({ code: obs.code, value: Number(number), ...unit, ...(comparator === undefined ? {} : { comparator }) });
  }
  if (CODED.has(obs.valueType)) {
    const [answer = ''] = obs.value.split('^');
    return answer === '' ? E.left(`${where}: OBX-5 has no code`) : E.right({ code: obs.code, answer });
  }
  if (TEXT.has(obs.valueType)) return E.right({ code: obs.code, text: obs.value });
  return E.left(`${where}: value type ${obs.valueType} is not taken (NM, SN, CWE, CE, ST, TX or FT)`);
};

/** The inputs of a message, each with the number of the OBX it came from (refusals name it). */
export interface ObservedInputs {
  readonly inputs: readonly ResultInput[];
  readonly obx: readonly number[];
}

/** Every observation that has a value as an input, or the first that cannot be one. */
export const observationInputs = (observations: readonly ReceivedObservation[]): E.Either<string, ObservedInputs> => {
  const inputs: ResultInput[] = [];
  const obx: number[] = [];
  for (const [i, obs] of observations.entries()) {
    // A test the analyser could not run has no result to enter; the order waits for one.
    if (obs.status !== undefined && NO_VALUE.has(obs.status)) continue;
    const input = observationInput(obs, i + 1);
    if (E.isLeft(input)) return input;
    inputs.push(input.right);
    obx.push(i + 1);
  }
  return E.right({ inputs, obx });
};

/**
 * Why the results were refused, for a sender or a technician: each field as the message numbers
 * it (`OBX 2.value`, whichever path the rule named the result by), never a value.
 */
export const refusalText = (error: DomainError, obx: readonly number[]): string => {
  const problems = (error.problems ?? []).map(
    (p) =>
      `${p.path.replace(/^(obx|body\.results)\.(\d+)/, (_, _at: string, i: string) => `OBX ${obx[Number(i)] ?? Number(i) + 1}`)}: ${p.rule}`,
  );
  return [error.code, error.message, ...problems].join('; ');
};
