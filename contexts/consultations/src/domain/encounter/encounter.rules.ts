import * as E from 'fp-ts/lib/Either.js';
import { conflict, forbidden, gone, invariantViolated, latestDateAnywhereAt, notFound } from '@hcms/shared-kernel';
import type { EncounterError, EncounterErrorCode } from './encounter.errors.js';
import type { EncounterRecord, EncounterState, Retractable } from './encounter.state.js';

type Extra = { readonly details?: Readonly<Record<string, unknown>>; readonly problems?: readonly { path: string; rule: string }[] };

const CONFLICTS: ReadonlySet<EncounterErrorCode> = new Set([
  'ENCOUNTER_ALREADY_OPEN',
  'ENCOUNTER_SIGNED',
  'ENCOUNTER_NOT_SIGNED',
  'ENCOUNTER_ENTERED_IN_ERROR',
  'APPOINTMENT_NOT_CHECKED_IN',
  'PATIENT_INACTIVE',
  'DIAGNOSIS_ALREADY_RECORDED',
  'DIAGNOSIS_ALREADY_PROMOTED',
  'DIAGNOSIS_PROMOTED',
  'PRIMARY_DIAGNOSIS_EXISTS',
  'PRESCRIPTION_NOT_ACTIVE',
  'ALLERGY_CONFLICT',
  'ALREADY_RECORDED',
  // Not a fault of the server's: the prescriber checks by hand and overrides, or retries.
  'ALLERGY_CHECK_UNAVAILABLE',
]);

export const refuse = (code: EncounterErrorCode, message: string, extra: Extra = {}): EncounterError => {
  if (code === 'PATIENT_ERASED') return gone(code, message, extra);
  if (code === 'NOT_ENCOUNTER_CLINICIAN') return forbidden(code, message, extra);
  if (code.endsWith('_NOT_FOUND')) return notFound(code, message, extra);
  return CONFLICTS.has(code) ? conflict(code, message, extra) : invariantViolated(code, message, extra);
};

export type Recorded = EncounterRecord & { readonly status: EncounterState['status'] };
export type InProgress = EncounterRecord & { readonly status: 'in-progress' };
export type Signed = EncounterRecord & { readonly status: 'signed' | 'amended' };

/** The encounter, if it is this patient's: another patient's encounter is not found, not revealed. */
export const found = (s: EncounterState, patientId: string): E.Either<EncounterError, Recorded> => {
  if (s.status === 'none' || s.patientId !== patientId) return E.left(refuse('ENCOUNTER_NOT_FOUND', 'no such encounter for this patient'));
  return s.erased ? E.left(refuse('PATIENT_ERASED', 'the patient’s record was erased')) : E.right(s);
};

const retracted = (): EncounterError =>
  refuse('ENCOUNTER_ENTERED_IN_ERROR', 'this encounter was entered in error: it is kept for audit and changes no more');

/** Still being written: once signed it is locked, and only addenda and amendments are taken. */
export const inProgress = (s: EncounterState, patientId: string): E.Either<EncounterError, InProgress> =>
  E.chain((r: Recorded) => {
    if (r.status === 'in-progress') return E.right(r as InProgress);
    if (r.status === 'entered-in-error') return E.left(retracted());
    return E.left(
      refuse('ENCOUNTER_SIGNED', 'the encounter is signed and locked: add an addendum, or amend it with a reason', {
        details: { status: r.status },
      }),
    );
  })(found(s, patientId));

export const signed = (s: EncounterState, patientId: string): E.Either<EncounterError, Signed> =>
  E.chain((r: Recorded) => {
    if (r.status === 'signed' || r.status === 'amended') return E.right(r as Signed);
    if (r.status === 'entered-in-error') return E.left(retracted());
    return E.left(refuse('ENCOUNTER_NOT_SIGNED', 'the encounter is not signed yet: change the note itself'));
  })(found(s, patientId));

export const notRetracted = (s: EncounterState, patientId: string): E.Either<EncounterError, Recorded & { status: Retractable }> =>
  E.chain((r: Recorded) => (r.status === 'entered-in-error' ? E.left(retracted()) : E.right(r as Recorded & { status: Retractable })))(
    found(s, patientId),
  );

/** Only the clinician who holds the encounter signs or amends it. */
export const byItsClinician = <R extends EncounterRecord>(r: R, actorId: string, what: string): E.Either<EncounterError, R> =>
  r.clinicianId === actorId
    ? E.right(r)
    : E.left(
        refuse('NOT_ENCOUNTER_CLINICIAN', `only the encounter's clinician may ${what} it`, { details: { clinicianId: r.clinicianId } }),
      );

export const notInFuture = (date: string, at: string, path: string): E.Either<EncounterError, string> =>
  date.slice(0, 10) > latestDateAnywhereAt(at)
    ? E.left(
        refuse('DATE_IN_FUTURE', `${path.split('.').at(-1) ?? path} is in the future`, {
          problems: [{ path, rule: 'must not be in the future' }],
        }),
      )
    : E.right(date);

/** An instant (a measurement's time) not after the command's; both in UTC as stored (`…sssZ`), so they compare as text. */
export const notAfter = (instant: string, at: string, path: string): E.Either<EncounterError, string> =>
  instant > at
    ? E.left(
        refuse('DATE_IN_FUTURE', `${path.split('.').at(-1) ?? path} is in the future`, {
          problems: [{ path, rule: 'must not be in the future' }],
        }),
      )
    : E.right(instant);

export const notBeforeService = (date: string, r: EncounterRecord, path: string): E.Either<EncounterError, string> =>
  date < r.dateOfService
    ? E.left(
        refuse('DATE_BEFORE_SERVICE', `${path.split('.').at(-1) ?? path} is before the date of service`, {
          problems: [{ path, rule: `must be on or after the date of service, ${r.dateOfService}` }],
        }),
      )
    : E.right(date);
