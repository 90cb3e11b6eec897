export { patientRoutes } from './api/patient.routes.js';
export type { MrnGenerator, PatientsDeps } from './application/patients.deps.js';
export { DEV_IDENTITY_KEY_SECRET, identityKeys, type IdentityKeys } from './application/identity-key.js';
export { registerPatient } from './application/register-patient.handler.js';
export { handlePatientCommand } from './application/patient-command.handler.js';
export * from './contract.js';
export { addSignedProblems, SIGNED_PROBLEM_TOPICS } from './application/on-encounter-signed.policy.js';
