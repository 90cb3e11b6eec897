import { deepStrictEqual, fail } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '../decider.js';
import { replay } from '../decider.js';

/**
 * Specs for deciders, read as sentences:
 * `given([registered]).when(deactivate).then([deactivated])`, `.thenFails('PATIENT_INACTIVE')`.
 */
export const specFor =
  <C, Ev, S, Err extends { readonly code: string }>(decider: Decider<C, Ev, S, Err>) =>
  (history: readonly Ev[]) => ({
    when: (command: C) => {
      const result = decider.decide(command, replay(decider, history));
      return {
        then: (expected: readonly Ev[]): void => {
          if (E.isLeft(result)) fail(`expected events, got refusal ${result.left.code}`);
          deepStrictEqual(result.right, expected);
        },
        thenFails: (code: Err['code']): void => {
          if (E.isRight(result)) fail(`expected refusal ${code}, got ${JSON.stringify(result.right)}`);
          deepStrictEqual(result.left.code, code);
        },
        /** For assertions on a subset of fields, e.g. generated identifiers. */
        result,
      };
    },
  });
