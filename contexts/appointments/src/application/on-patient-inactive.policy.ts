import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type NonEmptyText, type StoredEvent } from '@hcms/shared-kernel';
import { handleAppointmentCommand } from './appointment-command.handler.js';
import type { AppointmentsDeps } from './appointments.deps.js';

const REASONS: Readonly<Record<string, string>> = {
  'patients.PatientDeactivated': 'patient record deactivated',
  'patients.PatientDied': 'patient deceased',
  'patients.PatientErased': 'patient record erased',
};

export const PATIENT_INACTIVE_TOPICS = Object.keys(REASONS);

/**
 * When Patients says a patient is deactivated, has died or was erased, their appointments still
 * to come are cancelled by the clinic with that reason; an erasure also has every appointment of
 * theirs forget what it said about them. Redelivery is harmless: a cancelled appointment refuses a
 * second cancellation, and details are erased once.
 */
export const onPatientInactive =
  (deps: AppointmentsDeps) =>
  async (event: StoredEvent): Promise<void> => {
    const reason = REASONS[event.type];
    const patientId = event.metadata.patientId;
    if (!reason || !patientId) return;
    const upcoming = await deps.patients.upcomingAppointmentsOf(patientId, event.recordedAt);
    const ctx = policyContext('appointments.on-patient-inactive', event, deps.clock.now());
    for (const appointmentId of upcoming) {
      const result = await handleAppointmentCommand(deps)(
        appointmentId,
        { type: 'CancelAppointment', by: 'clinic', reason: reason as NonEmptyText },
        ctx,
      );
      if (E.isLeft(result) && result.left.code !== 'APPOINTMENT_NOT_SCHEDULED')
        throw new Error(`could not cancel ${appointmentId}: ${result.left.code}`);
    }
    if (event.type !== 'patients.PatientErased') return;
    for (const appointmentId of await deps.patients.appointmentsOf(patientId)) {
      const result = await handleAppointmentCommand(deps)(appointmentId, { type: 'EraseDetails' }, ctx);
      if (E.isLeft(result)) throw new Error(`could not erase the details of ${appointmentId}: ${result.left.code}`);
    }
  };
