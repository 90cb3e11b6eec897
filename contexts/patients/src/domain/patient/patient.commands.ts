import type { IsoDate, IsoDateTime, LongText, NonEmptyText } from '@hcms/shared-kernel';
import type {
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

/** Every command carries the moment it was issued; the decider never reads a clock. */
interface At {
  readonly at: IsoDateTime;
}

export type RegisterPatient = At & {
  readonly type: 'RegisterPatient';
  readonly patientId: string;
  readonly mrn: Mrn;
  readonly demographics: Demographics;
  /** Patients already on file with the same name and date of birth, which the registrar accepted. */
  readonly possibleDuplicateOf: readonly string[];
};
export type UpdateDemographics = At & { readonly type: 'UpdateDemographics'; readonly changes: Partial<Demographics> };
export type RecordAllergy = At & {
  readonly type: 'RecordAllergy';
  readonly allergyId: string;
  readonly substance: NonEmptyText;
  readonly reaction: NonEmptyText;
  readonly severity: AllergySeverity;
};
export type ResolveAllergy = At & { readonly type: 'ResolveAllergy'; readonly allergyId: string; readonly reason?: LongText };
export type AddMedicalHistoryEntry = At & {
  readonly type: 'AddMedicalHistoryEntry';
  readonly entryId: string;
  readonly condition: NonEmptyText;
  readonly icd10Code: Icd10Code;
  readonly status: ConditionStatus;
  readonly onsetDate?: IsoDate;
  readonly note?: LongText;
};
export type UpdateMedicalHistoryEntry = At & {
  readonly type: 'UpdateMedicalHistoryEntry';
  readonly entryId: string;
  readonly status?: ConditionStatus;
  readonly onsetDate?: IsoDate;
  readonly note?: LongText;
};
export type RecordConsent = At & {
  readonly type: 'RecordConsent';
  readonly consentId: string;
  readonly kind: ConsentKind;
  readonly expiresOn?: IsoDate;
};
export type WithdrawConsent = At & { readonly type: 'WithdrawConsent'; readonly consentId: string };
export type DeactivatePatient = At & { readonly type: 'DeactivatePatient'; readonly reason: NonEmptyText };
export type ReactivatePatient = At & { readonly type: 'ReactivatePatient' };
export type RecordDeath = At & { readonly type: 'RecordDeath'; readonly dateOfDeath: IsoDate };
export type RecordContactPreferences = At & {
  readonly type: 'RecordContactPreferences';
  readonly preferred: ContactChannel;
  readonly optOut: boolean;
};

export type PlaceLegalHold = At & {
  readonly type: 'PlaceLegalHold';
  readonly holdId: string;
  readonly basis: HoldBasis;
  readonly until?: IsoDate;
};
export type ReleaseLegalHold = At & { readonly type: 'ReleaseLegalHold'; readonly holdId: string };
export type RestrictProcessing = At & { readonly type: 'RestrictProcessing' };
export type LiftProcessingRestriction = At & { readonly type: 'LiftProcessingRestriction' };
export type ErasePatient = At & {
  readonly type: 'ErasePatient';
  readonly reason: ErasureReason;
  /** The end of the retention period: the record's last recorded change plus the retention policy's years. */
  readonly retainedUntil: IsoDateTime;
};

export type PatientCommand =
  | RegisterPatient
  | UpdateDemographics
  | RecordAllergy
  | ResolveAllergy
  | AddMedicalHistoryEntry
  | UpdateMedicalHistoryEntry
  | RecordConsent
  | WithdrawConsent
  | DeactivatePatient
  | ReactivatePatient
  | RecordDeath
  | RecordContactPreferences
  | PlaceLegalHold
  | ReleaseLegalHold
  | RestrictProcessing
  | LiftProcessingRestriction
  | ErasePatient;
