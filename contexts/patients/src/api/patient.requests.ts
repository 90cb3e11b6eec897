import * as t from 'io-ts';
import { IsoDate, IsoDateTime, LongText, NonEmptyText, Uuid } from '@hcms/shared-kernel';
import {
  Address,
  AllergySeverity,
  ConditionStatus,
  ContactChannel,
  ConsentKind,
  Demographics,
  Email,
  ErasureReason,
  HoldBasis,
  Icd10Code,
  Mrn,
  Phone,
  Sex,
} from '../domain/patient/patient.values.js';

export const PatientParams = t.type({ patientId: Uuid });
export const AllergyParams = t.type({ patientId: Uuid, allergyId: Uuid });
export const HistoryEntryParams = t.type({ patientId: Uuid, entryId: Uuid });
export const ConsentParams = t.type({ patientId: Uuid, consentId: Uuid });

export const RegisterPatientBody = t.intersection([Demographics, t.partial({ mrn: Mrn, notADuplicate: t.boolean })]);

export const UpdateDemographicsBody = t.partial({
  givenName: NonEmptyText,
  familyName: NonEmptyText,
  dateOfBirth: IsoDate,
  sex: Sex,
  phone: Phone,
  email: Email,
  address: Address,
});

export const RecordAllergyBody = t.type({ substance: NonEmptyText, reaction: NonEmptyText, severity: AllergySeverity });
export const ResolveAllergyBody = t.partial({ reason: LongText });

export const AddHistoryEntryBody = t.intersection([
  t.type({ condition: NonEmptyText, icd10Code: Icd10Code, status: ConditionStatus }),
  t.partial({ onsetDate: IsoDate, note: LongText }),
]);
export const UpdateHistoryEntryBody = t.partial({ status: ConditionStatus, onsetDate: IsoDate, note: LongText });

export const RecordConsentBody = t.intersection([t.type({ kind: ConsentKind }), t.partial({ expiresOn: IsoDate })]);
export const DeactivateBody = t.type({ reason: NonEmptyText });
export const RecordDeathBody = t.type({ dateOfDeath: IsoDate });
export const HistoryQuery = t.partial({
  asOf: IsoDateTime,
});
export const ContactPreferencesBody = t.type({ preferred: ContactChannel, optOut: t.boolean });
export const EraseBody = t.type({ reason: ErasureReason });
export const LegalHoldBody = t.intersection([t.type({ basis: HoldBasis }), t.partial({ until: IsoDate })]);
export const LegalHoldParams = t.type({ patientId: Uuid, holdId: Uuid });
