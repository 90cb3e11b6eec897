/**
 * What the Patients context publishes. Other contexts and read models import this file only.
 * Wire type of every event: `patients.<type>`; stream of a patient: `patient-<patientId>`.
 */
import { ERASED_TEXT, type EventCodec, type PersonalDataPolicy } from '@hcms/shared-kernel';
import { PatientEvent } from './domain/patient/patient.events.js';

export * from './domain/patient/patient.events.js';
export { hideOtherPatientsFrom } from './domain/patient/patient.privacy.js';
export { AllergySeverity, ConditionStatus, ConsentKind, Demographics, Icd10Code, Mrn, Sex } from './domain/patient/patient.values.js';
import type { Demographics } from './domain/patient/patient.values.js';

export const PATIENTS_CONTEXT = 'patients';

export const patientStream = (patientId: string): string => `patient-${patientId}`;

/** Current schema of the Patients events; older shapes are upcast on read. */
export const patientEvents: EventCodec<PatientEvent> = {
  context: PATIENTS_CONTEXT,
  codec: PatientEvent,
  schemaVersion: 1,
};

/** Demographics once erased: valid, and saying nothing. */
export const ERASED_DEMOGRAPHICS = {
  givenName: ERASED_TEXT,
  familyName: ERASED_TEXT,
  dateOfBirth: '0001-01-01',
  sex: 'unknown',
} as Demographics;

/** The personal data in Patients events: identity, contact details, clinical free text. */
export const patientsPersonalData: PersonalDataPolicy = {
  'patients.PatientRegistered': { demographics: ERASED_DEMOGRAPHICS, mrn: 'ERASED' },
  'patients.DemographicsUpdated': { demographics: ERASED_DEMOGRAPHICS },
  'patients.AllergyRecorded': { substance: ERASED_TEXT, reaction: ERASED_TEXT },
  'patients.AllergyResolved': { reason: ERASED_TEXT },
  'patients.MedicalHistoryEntryAdded': { condition: ERASED_TEXT, note: ERASED_TEXT },
  'patients.MedicalHistoryEntryUpdated': { note: ERASED_TEXT },
  'patients.PatientDeactivated': { reason: ERASED_TEXT },
};
