/**
 * What the Appointments context publishes (`appointments.<type>`) and the availability rules its
 * read models share. Streams: `provider-<id>`, `schedule-<providerId>-<localDate>`, `appointment-<id>`.
 */
import { type EventCodec, ERASED_TEXT, type PersonalDataPolicy } from '@hcms/shared-kernel';
import { AppointmentEvent, AppointmentStreamEvent } from './domain/appointment/appointment.events.js';
import { ProviderEvent } from './domain/provider/provider.events.js';
import { ScheduleEvent } from './domain/schedule/schedule.events.js';

export * from './domain/appointment/appointment.events.js';
export * from './domain/provider/provider.events.js';
export { SlotHeld, SlotConfirmed, SlotReleased, ScheduleEvent } from './domain/schedule/schedule.events.js';
export { scheduleStream, evolveSchedule, type Hold, type ScheduleState } from './domain/schedule/schedule.state.js';
export { localWindowsOn } from './domain/provider/availability.js';
export type { ProviderState } from './domain/provider/provider.decider.js';
export { overlaps, type Interval } from './domain/values.js';
export { openingsOn, localDateOf } from './application/time-zones.js';

export const APPOINTMENTS_CONTEXT = 'appointments';
export const providerStream = (providerId: string): string => `provider-${providerId}`;
export const appointmentStream = (appointmentId: string): string => `appointment-${appointmentId}`;

export const providerEvents: EventCodec<ProviderEvent> = { context: APPOINTMENTS_CONTEXT, codec: ProviderEvent, schemaVersion: 1 };
export const scheduleEvents: EventCodec<ScheduleEvent> = { context: APPOINTMENTS_CONTEXT, codec: ScheduleEvent, schemaVersion: 1 };
export const appointmentEvents: EventCodec<AppointmentEvent> = { context: APPOINTMENTS_CONTEXT, codec: AppointmentEvent, schemaVersion: 1 };
/** Also reads the hold settler's bookkeeping (`AppointmentSettlementEvent`), which shares the appointment's stream. */
export const appointmentStreamEvents: EventCodec<AppointmentStreamEvent> = {
  context: APPOINTMENTS_CONTEXT,
  codec: AppointmentStreamEvent,
  schemaVersion: 1,
};

/** The personal data in Appointments events: the free text a patient or clerk wrote. */
export const appointmentsPersonalData: PersonalDataPolicy = {
  'appointments.AppointmentBooked': { reason: ERASED_TEXT },
  'appointments.AppointmentCancelled': { reason: ERASED_TEXT },
};
