import * as E from 'fp-ts/lib/Either.js';
import { addSeconds, runCommand, toDomainEvent, type CommandContext, type StoredEvent } from '@hcms/shared-kernel';
import { appointmentEvents, type AppointmentEvent } from '@hcms/appointments/contract';
import { notificationStream } from '../contract.js';
import type { NotificationKind } from '../domain/notification.events.js';
import type { NotificationCommand } from '../domain/notification.commands.js';
import type { NotificationErrorCode } from '../domain/notification.decider.js';
import { addressOf } from '../domain/recipient.rules.js';
import { notificationAggregate } from './aggregate.js';
import { messageFor } from './messages.js';
import type { NotificationsDeps } from './notifications.deps.js';

export const APPOINTMENT_TOPICS = [
  'appointments.AppointmentBooked',
  'appointments.AppointmentRescheduled',
  'appointments.AppointmentCancelled',
];

/** Refusals that mean "already done" or "nothing to do" when an event is handled again. */
const SETTLED: readonly NotificationErrorCode[] = ['NOTIFICATION_CLOSED', 'NOTIFICATION_NOT_FOUND'];

/**
 * Turns Appointments' events into notifications: a confirmation at booking and a reminder before
 * the start; an update and the reminder re-armed for the new time on reschedule (even when the
 * old one was already sent); a notice and no reminder on cancel. Ids come from the trigger and
 * the reminder remembers which events moved it, so handling an event again changes nothing.
 * Whether and where to send is decided at send time; only the dead get nothing scheduled.
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
    const trigger = stored.id;
    const reminderId = `reminder-${appointmentId}`;
    const run = async (notificationId: string, command: NotificationCommand): Promise<NotificationErrorCode | undefined> => {
      const result = await runCommand(deps, notificationAggregate, notificationStream(notificationId), command, ctx, { patientId });
      if (E.isRight(result)) return undefined;
      if (!SETTLED.includes(result.left.code)) throw new Error(`notification ${notificationId}: ${result.left.code}`);
      return result.left.code;
    };
    const contact = await deps.contacts.contactOf(patientId);
    const known = contact ? addressOf(contact) : undefined;
    const schedule = async (kind: NotificationKind, notificationId: string, dueAt: string, start?: string) => {
      if (contact?.deceased) return;
      await run(notificationId, {
        type: 'ScheduleNotification',
        notificationId,
        patientId,
        appointmentId,
        kind,
        ...(known ?? {}),
        ...messageFor(kind, start),
        dueAt,
        trigger,
      });
    };
    const reminderAt = (start: string) => addSeconds(start, -deps.reminderLeadSeconds);

    switch (event.type) {
      case 'AppointmentBooked': {
        await schedule('confirmation', `confirmation-${appointmentId}`, now, event.data.start);
        if (reminderAt(event.data.start) > now) await schedule('reminder', reminderId, reminderAt(event.data.start), event.data.start);
        return;
      }
      case 'AppointmentRescheduled': {
        await schedule('update', `update-${stored.id}`, now, event.data.start);
        const dueAt = reminderAt(event.data.start);
        if (dueAt <= now) {
          await run(reminderId, { type: 'CancelNotification', reason: 'appointment moved too close to remind', at: now, trigger });
          return;
        }
        if (contact?.deceased) return;
        const rearmed = await run(reminderId, {
          type: 'RearmNotification',
          dueAt,
          ...messageFor('reminder', event.data.start),
          trigger,
          at: now,
        });
        if (rearmed === 'NOTIFICATION_NOT_FOUND') await schedule('reminder', reminderId, dueAt, event.data.start);
        return;
      }
      case 'AppointmentCancelled': {
        await run(reminderId, { type: 'CancelNotification', reason: 'appointment cancelled', at: now, trigger });
        return schedule('cancellation', `cancellation-${appointmentId}`, now);
      }
      default:
        return;
    }
  };
