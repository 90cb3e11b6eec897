import * as E from 'fp-ts/lib/Either.js';
import { policyContext, toDomainEvent, type StoredEvent } from '@hcms/shared-kernel';
import { encounterEvents } from '@hcms/consultations/contract';
import { handleAppointmentCommand } from './appointment-command.handler.js';
import type { AppointmentsDeps } from './appointments.deps.js';

export const ENCOUNTER_SIGNED_TOPICS = ['consultations.EncounterSigned'];

/**
 * When Consultations says the encounter opened from an appointment is signed, the appointment is
 * completed. Redelivery is harmless: a completed appointment refuses completion as not checked in,
 * as does one cancelled or missed meanwhile, and that is left as it is.
 */
export const onEncounterSigned =
  (deps: AppointmentsDeps) =>
  async (stored: StoredEvent): Promise<void> => {
    const event = toDomainEvent(encounterEvents, stored);
    if (event.type !== 'EncounterSigned' || event.data.appointmentId === undefined) return;
    const ctx = policyContext('appointments.on-encounter-signed', stored, deps.clock.now());
    const result = await handleAppointmentCommand(deps)(event.data.appointmentId, { type: 'CompleteAppointment' }, ctx);
    if (E.isLeft(result) && result.left.code !== 'APPOINTMENT_NOT_CHECKED_IN')
      throw new Error(`could not complete ${event.data.appointmentId}: ${result.left.code}`);
  };
