export { billingRoutes } from './api/billing.routes.js';
export type { BillingDeps } from './application/billing.deps.js';
export { invoiceRegister, type InvoiceNumbers } from './application/invoice-register.js';
export { onEncounterSigned, ENCOUNTER_SIGNED_TOPICS } from './application/on-encounter-signed.policy.js';
export { onLabResultFinalized, LAB_RESULT_TOPICS } from './application/on-lab-result-finalized.policy.js';
export { onEncounterEnteredInError, ENTERED_IN_ERROR_TOPICS } from './application/on-encounter-entered-in-error.policy.js';
export { onIssueStarted, ISSUE_STARTED_TOPICS } from './application/on-issue-started.policy.js';
export * from './contract.js';
