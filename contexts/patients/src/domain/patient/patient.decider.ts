import * as E from 'fp-ts/lib/Either.js';
import { absurd, pipe } from 'fp-ts/lib/function.js';
import type { Decider } from '@hcms/shared-kernel';
import type * as C from './patient.commands.js';
import type { PatientEvent } from './patient.events.js';
import type { PatientError } from './patient.errors.js';
import { active, notInFuture, onFile, refuse, type OnFile } from './patient.rules.js';
import { evolve, initialState, substanceKey, type PatientState } from './patient.state.js';

type Decision = E.Either<PatientError, readonly PatientEvent[]>;
const emit = (...events: PatientEvent[]): Decision => E.right(events);

const register = (cmd: C.RegisterPatient, s: PatientState): Decision =>
  s.status !== 'unregistered'
    ? E.left(refuse('PATIENT_ALREADY_REGISTERED', 'this patient is already registered'))
    : pipe(
        notInFuture(cmd.demographics.dateOfBirth, cmd.at, 'date of birth'),
        E.chain(() =>
          emit({
            type: 'PatientRegistered',
            data: {
              patientId: cmd.patientId,
              mrn: cmd.mrn,
              demographics: cmd.demographics,
              registeredAt: cmd.at,
              ...(cmd.possibleDuplicateOf.length > 0 ? { possibleDuplicateOf: [...cmd.possibleDuplicateOf] } : {}),
            },
          }),
        ),
      );

const updateDemographics = (cmd: C.UpdateDemographics, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain((p) => {
      const demographics = { ...p.demographics, ...cmd.changes };
      const changed = JSON.stringify(demographics) !== JSON.stringify(p.demographics);
      return pipe(
        notInFuture(demographics.dateOfBirth, cmd.at, 'date of birth'),
        E.chain(() => (changed ? emit({ type: 'DemographicsUpdated', data: { demographics } }) : emit())),
      );
    }),
  );

const recordAllergy = (cmd: C.RecordAllergy, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain((p) =>
      Object.values(p.allergies).some((a) => a.active && a.substanceKey === substanceKey(cmd.substance))
        ? E.left(refuse('ALLERGY_ALREADY_ACTIVE', 'an active allergy to this substance is already recorded'))
        : emit({
            type: 'AllergyRecorded',
            data: {
              allergyId: cmd.allergyId,
              substance: cmd.substance,
              reaction: cmd.reaction,
              severity: cmd.severity,
              recordedAt: cmd.at,
            },
          }),
    ),
  );

const resolveAllergy = (cmd: C.ResolveAllergy, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain((p) => {
      const allergy = p.allergies[cmd.allergyId];
      if (!allergy) return E.left(refuse('ALLERGY_NOT_FOUND', 'no such allergy on this record'));
      if (!allergy.active) return E.left(refuse('ALLERGY_ALREADY_RESOLVED', 'this allergy is already resolved'));
      return emit({
        type: 'AllergyResolved',
        data: { allergyId: cmd.allergyId, resolvedAt: cmd.at, ...(cmd.reason === undefined ? {} : { reason: cmd.reason }) },
      });
    }),
  );

const addHistoryEntry = (cmd: C.AddMedicalHistoryEntry, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain((p) =>
      p.historyEntries.has(cmd.entryId) ? E.left(refuse('HISTORY_ENTRY_EXISTS', 'this history entry already exists')) : E.right(p),
    ),
    E.chain(() => (cmd.onsetDate === undefined ? E.right(undefined) : notInFuture(cmd.onsetDate, cmd.at, 'onset date'))),
    E.chain(() => {
      const { type: _type, at: _at, ...data } = cmd;
      return emit({ type: 'MedicalHistoryEntryAdded', data });
    }),
  );

const updateHistoryEntry = (cmd: C.UpdateMedicalHistoryEntry, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain((p) =>
      p.historyEntries.has(cmd.entryId) ? E.right(p) : E.left(refuse('HISTORY_ENTRY_NOT_FOUND', 'no such history entry on this record')),
    ),
    E.chain(() => (cmd.onsetDate === undefined ? E.right(undefined) : notInFuture(cmd.onsetDate, cmd.at, 'onset date'))),
    E.chain(() => {
      const { type: _type, at: _at, ...data } = cmd;
      return Object.keys(data).length === 1
        ? E.left(refuse('NOTHING_TO_UPDATE', 'give at least one of status, onsetDate, note'))
        : emit({ type: 'MedicalHistoryEntryUpdated', data });
    }),
  );

const recordConsent = (cmd: C.RecordConsent, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain(() =>
      cmd.expiresOn !== undefined && cmd.expiresOn < cmd.at.slice(0, 10)
        ? E.left(refuse('CONSENT_EXPIRY_IN_PAST', 'a consent cannot expire before it is given'))
        : emit({
            type: 'ConsentRecorded',
            data: { consentId: cmd.consentId, kind: cmd.kind, grantedAt: cmd.at, ...(cmd.expiresOn ? { expiresOn: cmd.expiresOn } : {}) },
          }),
    ),
  );

const withdrawConsent = (cmd: C.WithdrawConsent, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain((p) => {
      const consent = p.consents[cmd.consentId];
      if (!consent) return E.left(refuse('CONSENT_NOT_FOUND', 'no such consent on this record'));
      if (!consent.active) return E.left(refuse('CONSENT_ALREADY_WITHDRAWN', 'this consent is already withdrawn'));
      // A withdrawal is always honoured, even for an inactive or deceased patient's record.
      return emit({ type: 'ConsentWithdrawn', data: { consentId: cmd.consentId, withdrawnAt: cmd.at } });
    }),
  );

const deactivate = (cmd: C.DeactivatePatient, s: PatientState): Decision =>
  pipe(
    active(s),
    E.chain(() => emit({ type: 'PatientDeactivated', data: { reason: cmd.reason, deactivatedAt: cmd.at } })),
  );

const reactivate = (cmd: C.ReactivatePatient, s: PatientState): Decision => {
  switch (s.status) {
    case 'inactive':
      return emit({ type: 'PatientReactivated', data: { reactivatedAt: cmd.at } });
    case 'active':
      return E.left(refuse('PATIENT_ALREADY_ACTIVE', 'the patient is already active'));
    case 'unregistered':
    case 'deceased':
    case 'erased':
      return pipe(
        active(s),
        E.chain(() => emit()),
      );
  }
};

const recordDeath = (cmd: C.RecordDeath, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain((p) =>
      p.status === 'deceased' ? E.left(refuse('PATIENT_DECEASED', 'the patient is already recorded as deceased')) : E.right(p),
    ),
    E.chain((p) =>
      cmd.dateOfDeath < p.demographics.dateOfBirth
        ? E.left(refuse('DATE_BEFORE_BIRTH', 'date of death is before date of birth'))
        : notInFuture(cmd.dateOfDeath, cmd.at, 'date of death'),
    ),
    E.chain(() => emit({ type: 'PatientDied', data: { dateOfDeath: cmd.dateOfDeath, recordedAt: cmd.at } })),
  );

const recordContactPreferences = (cmd: C.RecordContactPreferences, s: PatientState): Decision =>
  pipe(
    onFile(s),
    // An opt-out is always honoured; choosing a channel needs an active record.
    E.chain((p) => (cmd.optOut ? E.right(p) : active(s))),
    E.chain((p) =>
      p.demographics[cmd.preferred === 'email' ? 'email' : 'phone'] === undefined && !cmd.optOut
        ? E.left(
            refuse('NO_CONTACT_DETAIL', `no ${cmd.preferred === 'email' ? 'e-mail address' : 'phone number'} on record for that channel`),
          )
        : emit({ type: 'ContactPreferencesRecorded', data: { preferred: cmd.preferred, optOut: cmd.optOut } }),
    ),
  );

/** Holds still open on the day of `at`: one that named its last day lapses after it. */
const openHolds = (p: OnFile, at: string): string[] =>
  Object.entries(p.holds)
    .filter(([, hold]) => hold.until === undefined || hold.until >= at.slice(0, 10))
    .map(([holdId]) => holdId);

const placeLegalHold = (cmd: C.PlaceLegalHold, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain(() =>
      cmd.until !== undefined && cmd.until < cmd.at.slice(0, 10)
        ? E.left(refuse('DATE_IN_PAST', 'a legal hold cannot end before it is placed'))
        : emit({
            type: 'LegalHoldPlaced',
            data: { holdId: cmd.holdId, basis: cmd.basis, placedAt: cmd.at, ...(cmd.until ? { until: cmd.until } : {}) },
          }),
    ),
  );

const releaseLegalHold = (cmd: C.ReleaseLegalHold, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain((p) =>
      p.holds[cmd.holdId] === undefined
        ? E.left(refuse('LEGAL_HOLD_NOT_FOUND', 'no such open legal hold on this record'))
        : emit({ type: 'LegalHoldReleased', data: { holdId: cmd.holdId, releasedAt: cmd.at } }),
    ),
  );

const restrictProcessing = (cmd: C.RestrictProcessing, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain((p) =>
      p.restricted
        ? E.left(refuse('ALREADY_RESTRICTED', 'processing of this record is already restricted'))
        : emit({ type: 'ProcessingRestricted', data: { restrictedAt: cmd.at } }),
    ),
  );

const liftRestriction = (cmd: C.LiftProcessingRestriction, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain((p) =>
      p.restricted
        ? emit({ type: 'ProcessingRestrictionLifted', data: { liftedAt: cmd.at } })
        : E.left(refuse('NOT_RESTRICTED', 'processing of this record is not restricted')),
    ),
  );

/** Erasure waits for the end of the retention period and for every legal hold to be released or lapse. */
const erase = (cmd: C.ErasePatient, s: PatientState): Decision =>
  pipe(
    onFile(s),
    E.chain((p) => {
      const holds = openHolds(p, cmd.at);
      if (holds.length > 0) {
        return E.left(refuse('LEGAL_HOLD', 'the record is under a legal hold: release it before erasing', { holds }));
      }
      if (cmd.at < cmd.retainedUntil) {
        return E.left(
          refuse('RETENTION_PERIOD', `the record must be kept until ${cmd.retainedUntil.slice(0, 10)}`, {
            erasableFrom: cmd.retainedUntil,
          }),
        );
      }
      return emit({ type: 'PatientErased', data: { erasedAt: cmd.at, reason: cmd.reason } });
    }),
  );

// prettier-ignore
export const decide = (cmd: C.PatientCommand, s: PatientState): Decision => {
  switch (cmd.type) {
    case 'RegisterPatient': return register(cmd, s);
    case 'UpdateDemographics': return updateDemographics(cmd, s);
    case 'RecordAllergy': return recordAllergy(cmd, s);
    case 'ResolveAllergy': return resolveAllergy(cmd, s);
    case 'AddMedicalHistoryEntry': return addHistoryEntry(cmd, s);
    case 'UpdateMedicalHistoryEntry': return updateHistoryEntry(cmd, s);
    case 'RecordConsent': return recordConsent(cmd, s);
    case 'WithdrawConsent': return withdrawConsent(cmd, s);
    case 'DeactivatePatient': return deactivate(cmd, s);
    case 'ReactivatePatient': return reactivate(cmd, s);
    case 'RecordDeath': return recordDeath(cmd, s);
    case 'RecordContactPreferences': return recordContactPreferences(cmd, s);
    case 'PlaceLegalHold': return placeLegalHold(cmd, s);
    case 'ReleaseLegalHold': return releaseLegalHold(cmd, s);
    case 'RestrictProcessing': return restrictProcessing(cmd, s);
    case 'LiftProcessingRestriction': return liftRestriction(cmd, s);
    case 'ErasePatient': return erase(cmd, s);
    default: return absurd<Decision>(cmd);
  }
};

export const patientDecider: Decider<C.PatientCommand, PatientEvent, PatientState, PatientError> = {
  initialState,
  decide,
  evolve,
};
