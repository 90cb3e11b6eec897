import * as E from 'fp-ts/lib/Either.js';
import { addSeconds, runCommand, type CommandContext, type StoredEvent } from '@hcms/shared-kernel';
import { appointmentEvents, type AppointmentEvent } from '@hcms/appointments/contract';
import { toDomainEvent } from '@hcms/shared-kernel';
import { notificationStream } from '../contract.js';
import type { NotificationKind } from '../domain/notification.events.js';
import type { NotificationCommand } from '../domain/notification.decider.js';
import { notificationAggregate } from './aggregate.js';
import { messageFor } from './messages.js';
import type { Contact, NotificationsDeps } from './notifications.deps.js';

export const APPOINTMENT_TOPICS = [
  'appointments.AppointmentBooked',
  'appointments.AppointmentRescheduled',
  'appointments.AppointmentCancelled',
];

const addressOf = (contact: Contact): { channel: 'email' | 'sms'; to: string } | undefined => {
  const order: ('email' | 'sms')[] = contact.preferred === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
  for (const channel of order) {
    const to = channel === 'email' ? contact.email : contact.phone;
    if (to) return { channel, to };
  }
  return undefined;
};

/**
 * Turns Appointments' events into notifications: a confirmation at booking and a reminder before
 * the start; an update and a moved reminder on reschedule; a notice and no reminder on cancel.
 * Ids come from the trigger, so a redelivered event schedules nothing twice.
 */
export const onAppointmentEvent =
  (deps: NotificationsDeps) =>
  async (stored: StoredEvent): Promise<void> => {
    const patientId = stored.metadata.patientId;
    if (!patientId || !APPOINTMENT_TOPICS.includes(stored.type)) return;
    const event: AppointmentEvent = toDomainEvent(appointmentEvents, stored);
    const appointmentId = stored.streamId.slice('appointment-'.length);
    const ctx: CommandContext = {
      actor: { id: 'policy:notifications.on-appointment-event', role: 'admin' },
      correlationId: stored.metadata.correlationId,
      causationId: stored.id,
      now: deps.clock.now(),
    };
    const now = ctx.now.toISOString();
    const run = async (notificationId: string, command: NotificationCommand) => {
      const result = await runCommand(deps, notificationAggregate, notificationStream(notificationId), command, ctx, { patientId });
      if (E.isLeft(result) && result.left.code !== 'NOTIFICATION_CLOSED' && result.left.code !== 'NOTIFICATION_NOT_FOUND') {
        throw new Error(`notification ${notificationId}: ${result.left.code}`);
      }
    };
    const contact = await deps.contacts.contactOf(patientId);
    const address = contact && !contact.optOut ? addressOf(contact) : undefined;
    const schedule = (kind: NotificationKind, notificationId: string, dueAt: string, start?: string) =>
      address
        ? run(notificationId, {
            type: 'ScheduleNotification',
            notificationId,
            patientId,
            appointmentId,
            kind,
            ...address,
            ...messageFor(kind, start),
            dueAt,
          })
        : Promise.resolve();
    const reminderAt = (start: string) => addSeconds(start, -deps.reminderLeadSeconds);

    switch (event.type) {
      case 'AppointmentBooked': {
        await schedule('confirmation', `confirmation-${appointmentId}`, now, event.data.start);
        if (reminderAt(event.data.start) > now)
          await schedule('reminder', `reminder-${appointmentId}`, reminderAt(event.data.start), event.data.start);
        return;
      }
      case 'AppointmentRescheduled': {
        await schedule('update', `update-${stored.id}`, now, event.data.start);
        const dueAt = reminderAt(event.data.start);
        const { body } = messageFor('reminder', event.data.start);
        if (dueAt <= now)
          return run(`reminder-${appointmentId}`, { type: 'CancelNotification', reason: 'appointment moved too close to remind', at: now });
        await run(`reminder-${appointmentId}`, { type: 'MoveNotification', dueAt, body });
        return schedule('reminder', `reminder-${appointmentId}`, dueAt, event.data.start);
      }
      case 'AppointmentCancelled': {
        await run(`reminder-${appointmentId}`, { type: 'CancelNotification', reason: 'appointment cancelled', at: now });
        return schedule('cancellation', `cancellation-${appointmentId}`, now);
      }
      default:
        return;
    }
  };
