export { billingRoutes } from './api/billing.routes.js';
export type { BillingDeps } from './application/billing.deps.js';
export { invoiceRegister, type InvoiceNumbers } from './application/invoice-register.js';
export { onEncounterSigned, ENCOUNTER_SIGNED_TOPICS } from './application/on-encounter-signed.policy.js';
export { onLabResultFinalized, LAB_RESULT_TOPICS } from './application/on-lab-result-finalized.policy.js';
export { onInvoiceNumberAssigned, NUMBER_ASSIGNED_TOPICS } from './application/on-invoice-number-assigned.policy.js';
export * from './contract.js';
