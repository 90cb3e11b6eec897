import type { DomainError } from '@hcms/shared-kernel';
import type { CodingErrorCode } from '../coding/icd10cm.js';
import type { VitalsErrorCode } from '../vitals/vital-signs.js';

export type EncounterErrorCode =
  | 'ENCOUNTER_NOT_FOUND'
  | 'ENCOUNTER_ALREADY_OPEN'
  | 'ENCOUNTER_SIGNED'
  | 'ENCOUNTER_NOT_SIGNED'
  | 'ENCOUNTER_ENTERED_IN_ERROR'
  | 'NOT_ENCOUNTER_CLINICIAN'
  | 'PATIENT_NOT_FOUND'
  | 'PATIENT_INACTIVE'
  | 'PATIENT_ERASED'
  | 'APPOINTMENT_NOT_FOUND'
  | 'APPOINTMENT_NOT_CHECKED_IN'
  | 'DATE_IN_FUTURE'
  | 'DATE_BEFORE_SERVICE'
  | 'DIAGNOSIS_NOT_FOUND'
  | 'DIAGNOSIS_ALREADY_RECORDED'
  | 'DIAGNOSIS_ALREADY_PROMOTED'
  | 'DIAGNOSIS_PROMOTED'
  | 'PRIMARY_DIAGNOSIS_EXISTS'
  | 'PRIMARY_DIAGNOSIS_REQUIRED'
  | 'PRESCRIPTION_NOT_FOUND'
  | 'PRESCRIPTION_NOT_ACTIVE'
  | 'DOSAGE_INCOMPLETE'
  | 'ALLERGY_CONFLICT'
  | 'ALLERGY_CHECK_UNAVAILABLE'
  | 'DUPLICATE_TEST'
  | 'NOTHING_TO_AMEND'
  | 'NOTE_EMPTY'
  | 'ALREADY_RECORDED'
  | CodingErrorCode
  | VitalsErrorCode;

export type EncounterError = DomainError<EncounterErrorCode>;
