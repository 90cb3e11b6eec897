export { encounterRoutes } from './api/encounter.routes.js';
export type { ConsultationsDeps, ClinicalReferences, Units } from './application/consultations.deps.js';
export { handleEncounterCommand } from './application/encounter-command.handler.js';
export { onPatientErased, PATIENT_ERASED_TOPICS } from './application/on-patient-erased.policy.js';
export { checkDiagnosisCode, editionOf, editionOn, type Icd10Cm, type Icd10CmEdition, type Icd10CmEntry } from './domain/coding/icd10cm.js';
export type { AllergyFacts, AppointmentFacts, PatientStanding } from './domain/encounter/encounter.commands.js';
export * from './contract.js';
