export { notificationRoutes } from './api/notification.routes.js';
export { dispatchDue, type DispatcherIdentity } from './application/dispatcher.js';
export { onAppointmentEvent, APPOINTMENT_TOPICS } from './application/on-appointment-event.policy.js';
export { onLabEvent, LAB_TOPICS } from './application/on-lab-event.policy.js';
export { onPatientErased, PATIENT_ERASED_TOPICS } from './application/on-patient-erased.policy.js';
export type * from './application/notifications.deps.js';
export type { RetryPolicy } from './domain/notification.commands.js';
export * from './contract.js';
