/**
 * What the Patients context publishes. Other contexts and read models import this file only.
 * Wire type of every event: `patients.<type>`; stream of a patient: `patient-<patientId>`.
 */
import type { EventCodec } from '@hcms/shared-kernel';
import { PatientEvent } from './domain/patient/patient.events.js';

export * from './domain/patient/patient.events.js';
export { hideOtherPatientsFrom } from './domain/patient/patient.privacy.js';
export { AllergySeverity, ConditionStatus, ConsentKind, Demographics, Icd10Code, Mrn, Sex } from './domain/patient/patient.values.js';

export const PATIENTS_CONTEXT = 'patients';

export const patientStream = (patientId: string): string => `patient-${patientId}`;

/** Current schema of the Patients events; older shapes are upcast on read. */
export const patientEvents: EventCodec<PatientEvent> = {
  context: PATIENTS_CONTEXT,
  codec: PatientEvent,
  schemaVersion: 1,
};
