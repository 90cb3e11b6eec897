import * as E from 'fp-ts/lib/Either.js';
import { conflict, gone, invariantViolated, latestDateAnywhereAt, notFound, type IsoDate } from '@hcms/shared-kernel';
import type { PatientError, PatientErrorCode } from './patient.errors.js';
import type { PatientState } from './patient.state.js';

export type OnFile = Exclude<PatientState, { status: 'unregistered' | 'erased' }>;
export type Active = Extract<PatientState, { status: 'active' }>;

const CONFLICTS: ReadonlySet<PatientErrorCode> = new Set(['PATIENT_ALREADY_REGISTERED', 'LEGAL_HOLD', 'RETENTION_PERIOD']);

export const refuse = (code: PatientErrorCode, message: string, details?: Readonly<Record<string, unknown>>): PatientError => {
  const extra = details ? { details } : {};
  if (code === 'PATIENT_ERASED') return gone(code, message, extra);
  if (code.endsWith('_NOT_FOUND')) return notFound(code, message, extra);
  return CONFLICTS.has(code) ? conflict(code, message, extra) : invariantViolated(code, message, extra);
};

const erased = (): PatientError => refuse('PATIENT_ERASED', 'the patient’s record was erased');

export const notInFuture = (date: IsoDate, at: string, what: string): E.Either<PatientError, IsoDate> =>
  date > latestDateAnywhereAt(at) ? E.left(refuse('DATE_IN_FUTURE', `${what} is in the future`)) : E.right(date);

export const onFile = (state: PatientState): E.Either<PatientError, OnFile> => {
  if (state.status === 'unregistered') return E.left(refuse('PATIENT_NOT_FOUND', 'no such patient'));
  return state.status === 'erased' ? E.left(erased()) : E.right(state);
};

/** Records change only while the patient is active: inactive needs reactivation, deceased is final. */
export const active = (state: PatientState): E.Either<PatientError, Active> => {
  switch (state.status) {
    case 'unregistered':
      return E.left(refuse('PATIENT_NOT_FOUND', 'no such patient'));
    case 'erased':
      return E.left(erased());
    case 'inactive':
      return E.left(refuse('PATIENT_INACTIVE', 'the patient is deactivated; reactivate before changing the record'));
    case 'deceased':
      return E.left(refuse('PATIENT_DECEASED', 'the patient is recorded as deceased'));
    case 'active':
      return E.right(state);
  }
};
