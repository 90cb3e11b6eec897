import * as t from 'io-ts';
import { IsoDate, IsoDateTime, LongText, NonEmptyText, eventCodec } from '@hcms/shared-kernel';
import {
  AllergySeverity,
  ConditionStatus,
  ConsentKind,
  ContactChannel,
  Demographics,
  ErasureReason,
  HoldBasis,
  Icd10Code,
  Mrn,
} from './patient.values.js';

export const PatientRegistered = eventCodec(
  'PatientRegistered',
  t.intersection([
    t.type({ patientId: t.string, mrn: Mrn, demographics: Demographics, registeredAt: IsoDateTime }),
    t.partial({ possibleDuplicateOf: t.array(t.string) }),
  ]),
);
export const DemographicsUpdated = eventCodec('DemographicsUpdated', t.type({ demographics: Demographics }));
export const AllergyRecorded = eventCodec(
  'AllergyRecorded',
  t.type({ allergyId: t.string, substance: NonEmptyText, reaction: NonEmptyText, severity: AllergySeverity, recordedAt: IsoDateTime }),
);
export const AllergyResolved = eventCodec(
  'AllergyResolved',
  t.intersection([t.type({ allergyId: t.string, resolvedAt: IsoDateTime }), t.partial({ reason: LongText })]),
);
export const MedicalHistoryEntryAdded = eventCodec(
  'MedicalHistoryEntryAdded',
  t.intersection([
    t.type({ entryId: t.string, condition: NonEmptyText, icd10Code: Icd10Code, status: ConditionStatus }),
    t.partial({ onsetDate: IsoDate, note: LongText }),
  ]),
);
export const MedicalHistoryEntryUpdated = eventCodec(
  'MedicalHistoryEntryUpdated',
  t.intersection([t.type({ entryId: t.string }), t.partial({ status: ConditionStatus, onsetDate: IsoDate, note: LongText })]),
);
export const ConsentRecorded = eventCodec(
  'ConsentRecorded',
  t.intersection([t.type({ consentId: t.string, kind: ConsentKind, grantedAt: IsoDateTime }), t.partial({ expiresOn: IsoDate })]),
);
export const ConsentWithdrawn = eventCodec('ConsentWithdrawn', t.type({ consentId: t.string, withdrawnAt: IsoDateTime }));
export const PatientDeactivated = eventCodec('PatientDeactivated', t.type({ reason: NonEmptyText, deactivatedAt: IsoDateTime }));
export const PatientReactivated = eventCodec('PatientReactivated', t.type({ reactivatedAt: IsoDateTime }));
export const PatientDied = eventCodec('PatientDied', t.type({ dateOfDeath: IsoDate, recordedAt: IsoDateTime }));
/** How the patient wants to be reached for reminders; `optOut` stops all of them. */
export const ContactPreferencesRecorded = eventCodec(
  'ContactPreferencesRecorded',
  t.type({ preferred: ContactChannel, optOut: t.boolean }),
);

/** The record must be kept (litigation, an investigation): it cannot be erased while a hold is open. */
export const LegalHoldPlaced = eventCodec(
  'LegalHoldPlaced',
  t.intersection([t.type({ holdId: t.string, basis: HoldBasis, placedAt: IsoDateTime }), t.partial({ until: IsoDate })]),
);
export const LegalHoldReleased = eventCodec('LegalHoldReleased', t.type({ holdId: t.string, releasedAt: IsoDateTime }));
/** "Restrict processing": kept for legal use, hidden from searches and lists. */
export const ProcessingRestricted = eventCodec('ProcessingRestricted', t.type({ restrictedAt: IsoDateTime }));
export const ProcessingRestrictionLifted = eventCodec('ProcessingRestrictionLifted', t.type({ liftedAt: IsoDateTime }));
/**
 * The patient's key was destroyed: every personal field of every event about them is unreadable
 * for good. It holds no personal data itself.
 */
export const PatientErased = eventCodec('PatientErased', t.type({ erasedAt: IsoDateTime, reason: ErasureReason }));

export const PatientEvent = t.union(
  [
    PatientRegistered,
    DemographicsUpdated,
    AllergyRecorded,
    AllergyResolved,
    MedicalHistoryEntryAdded,
    MedicalHistoryEntryUpdated,
    ConsentRecorded,
    ConsentWithdrawn,
    PatientDeactivated,
    PatientReactivated,
    PatientDied,
    ContactPreferencesRecorded,
    LegalHoldPlaced,
    LegalHoldReleased,
    ProcessingRestricted,
    ProcessingRestrictionLifted,
    PatientErased,
  ],
  'PatientEvent',
);
export type PatientEvent = t.TypeOf<typeof PatientEvent>;
export type PatientEventType = PatientEvent['type'];
export type EventOf<T extends PatientEventType> = Extract<PatientEvent, { type: T }>;
