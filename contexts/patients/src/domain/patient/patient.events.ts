import * as t from 'io-ts';
import { IsoDate, IsoDateTime, LongText, NonEmptyText } from '@hcms/shared-kernel';
import { AllergySeverity, ConditionStatus, ConsentKind, ContactChannel, Demographics, Icd10Code, Mrn } from './patient.values.js';

const event = <T extends string, D extends t.Mixed>(type: T, data: D) => t.type({ type: t.literal(type), data }, type);

export const PatientRegistered = event(
  'PatientRegistered',
  t.intersection([
    t.type({ patientId: t.string, mrn: Mrn, demographics: Demographics, registeredAt: IsoDateTime }),
    t.partial({ possibleDuplicateOf: t.array(t.string) }),
  ]),
);
export const DemographicsUpdated = event('DemographicsUpdated', t.type({ demographics: Demographics }));
export const AllergyRecorded = event(
  'AllergyRecorded',
  t.type({ allergyId: t.string, substance: NonEmptyText, reaction: NonEmptyText, severity: AllergySeverity, recordedAt: IsoDateTime }),
);
export const AllergyResolved = event(
  'AllergyResolved',
  t.intersection([t.type({ allergyId: t.string, resolvedAt: IsoDateTime }), t.partial({ reason: LongText })]),
);
export const MedicalHistoryEntryAdded = event(
  'MedicalHistoryEntryAdded',
  t.intersection([
    t.type({ entryId: t.string, condition: NonEmptyText, icd10Code: Icd10Code, status: ConditionStatus }),
    t.partial({ onsetDate: IsoDate, note: LongText }),
  ]),
);
export const MedicalHistoryEntryUpdated = event(
  'MedicalHistoryEntryUpdated',
  t.intersection([t.type({ entryId: t.string }), t.partial({ status: ConditionStatus, onsetDate: IsoDate, note: LongText })]),
);
export const ConsentRecorded = event(
  'ConsentRecorded',
  t.intersection([t.type({ consentId: t.string, kind: ConsentKind, grantedAt: IsoDateTime }), t.partial({ expiresOn: IsoDate })]),
);
export const ConsentWithdrawn = event('ConsentWithdrawn', t.type({ consentId: t.string, withdrawnAt: IsoDateTime }));
export const PatientDeactivated = event('PatientDeactivated', t.type({ reason: NonEmptyText, deactivatedAt: IsoDateTime }));
export const PatientReactivated = event('PatientReactivated', t.type({ reactivatedAt: IsoDateTime }));
export const PatientDied = event('PatientDied', t.type({ dateOfDeath: IsoDate, recordedAt: IsoDateTime }));
/** How the patient wants to be reached for reminders; `optOut` stops all of them. */
export const ContactPreferencesRecorded = event('ContactPreferencesRecorded', t.type({ preferred: ContactChannel, optOut: t.boolean }));

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
  ],
  'PatientEvent',
);
export type PatientEvent = t.TypeOf<typeof PatientEvent>;
export type PatientEventType = PatientEvent['type'];
export type EventOf<T extends PatientEventType> = Extract<PatientEvent, { type: T }>;
