import type { Either } from 'fp-ts/lib/Either.js';

/** UCUM, outside the domains: a value in one unit expressed in another of the same kind. */
export interface Units {
  /** `value` in `unit` expressed in `canonicalUnit`, or why it cannot be (not UCUM, or another kind of quantity). */
  convert(value: number, unit: string, canonicalUnit: string): Either<{ readonly rule: string }, number>;
  /** The unit, if UCUM knows it (mg, mL, [iU], {tablet}), or why not. */
  known(unit: string): Either<{ readonly rule: string }, string>;
}
