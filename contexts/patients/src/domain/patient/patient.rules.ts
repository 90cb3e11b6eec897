import * as E from 'fp-ts/lib/Either.js';
import { conflict, invariantViolated, latestDateAnywhereAt, notFound, type IsoDate } from '@hcms/shared-kernel';
import type { PatientError, PatientErrorCode } from './patient.errors.js';
import type { PatientState } from './patient.state.js';

export type OnFile = Exclude<PatientState, { status: 'unregistered' }>;
export type Active = Extract<PatientState, { status: 'active' }>;

export const refuse = (code: PatientErrorCode, message: string): PatientError =>
  code === 'PATIENT_NOT_FOUND' || code.endsWith('_NOT_FOUND')
    ? notFound(code, message)
    : code === 'PATIENT_ALREADY_REGISTERED'
      ? conflict(code, message)
      : invariantViolated(code, message);

export const notInFuture = (date: IsoDate, at: string, what: string): E.Either<PatientError, IsoDate> =>
  date > latestDateAnywhereAt(at) ? E.left(refuse('DATE_IN_FUTURE', `${what} is in the future`)) : E.right(date);

export const onFile = (state: PatientState): E.Either<PatientError, OnFile> =>
  state.status === 'unregistered' ? E.left(refuse('PATIENT_NOT_FOUND', 'no such patient')) : E.right(state);

/** Records change only while the patient is active: inactive needs reactivation, deceased is final. */
export const active = (state: PatientState): E.Either<PatientError, Active> => {
  switch (state.status) {
    case 'unregistered':
      return E.left(refuse('PATIENT_NOT_FOUND', 'no such patient'));
    case 'inactive':
      return E.left(refuse('PATIENT_INACTIVE', 'the patient is deactivated; reactivate before changing the record'));
    case 'deceased':
      return E.left(refuse('PATIENT_DECEASED', 'the patient is recorded as deceased'));
    case 'active':
      return E.right(state);
  }
};
