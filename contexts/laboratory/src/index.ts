export { laboratoryRoutes } from './api/laboratory.routes.js';
export type { LaboratoryDeps, LabReferences, PatientFacts, Units } from './application/laboratory.deps.js';
export { ingestResults, type IncomingResults, type IngestOutcome } from './application/ingest-results.handler.js';
export { onLabOrdered, LAB_ORDERED_TOPICS } from './application/on-lab-ordered.policy.js';
export { onParkedResultsAssigned, PARKED_ASSIGNED_TOPICS } from './application/on-parked-results-assigned.policy.js';
export { onPatientErased, PATIENT_ERASED_TOPICS } from './application/on-patient-erased.policy.js';
export { definitionOf } from './application/catalogue.js';
export { handleLabOrderCommand } from './application/lab-order-command.handler.js';
export * from './contract.js';
