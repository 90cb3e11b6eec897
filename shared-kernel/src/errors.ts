/**
 * Expected refusals are values, never exceptions. The kind decides the HTTP status;
 * the code is stable and machine-readable; the message never carries patient data.
 */
export type DomainErrorKind = 'validation' | 'not-found' | 'gone' | 'conflict' | 'invariant' | 'forbidden' | 'unavailable';

export interface Problem {
  readonly path: string;
  readonly rule: string;
}

export interface DomainError<Code extends string = string> {
  readonly kind: DomainErrorKind;
  readonly code: Code;
  readonly message: string;
  readonly problems?: readonly Problem[];
  readonly details?: Readonly<Record<string, unknown>>;
}

const make =
  (kind: DomainErrorKind) =>
  <Code extends string>(code: Code, message: string, extra: Pick<DomainError, 'problems' | 'details'> = {}): DomainError<Code> => ({
    kind,
    code,
    message,
    ...extra,
  });

export const validationError = make('validation');
export const notFound = make('not-found');
/** It was there and is no more, for good (an erased record). */
export const gone = make('gone');
export const conflict = make('conflict');
export const invariantViolated = make('invariant');
export const forbidden = make('forbidden');
/** Temporarily unable to answer (e.g. a read model still catching up): the client may retry. */
export const unavailable = make('unavailable');

/** A fault is a bug or an I/O failure: it is thrown, logged, and answered with 500. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} kept changing under ${attempts} attempts`);
    this.name = 'ConcurrencyConflictError';
  }
}
