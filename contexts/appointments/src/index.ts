export { appointmentRoutes } from './api/appointment.routes.js';
export type { AppointmentsDeps, PatientDirectory, KnownPatientStatus } from './application/appointments.deps.js';
export { bookAppointment } from './application/book-appointment.handler.js';
export { handleProviderCommand, registerProvider } from './application/provider.handlers.js';
export { onPatientInactive, PATIENT_INACTIVE_TOPICS } from './application/on-patient-inactive.policy.js';
export {
  settleStaleHolds,
  type FailedSettlement,
  type PendingHold,
  type PendingHolds,
  type SettlingRound,
} from './application/settle-stale-holds.handler.js';
export * from './contract.js';
export { onEncounterSigned, ENCOUNTER_SIGNED_TOPICS } from './application/on-encounter-signed.policy.js';
