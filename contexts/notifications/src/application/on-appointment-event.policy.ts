import * as E from 'fp-ts/lib/Either.js';
import { addSeconds, policyContext, runCommand, toDomainEvent, type StoredEvent } from '@hcms/shared-kernel';
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

/**
 * How old an event may be for its notice (confirmation, update, cancellation) to still be news.
 * A reaction's durable subscription reads the store from the start the first time it runs (a new
 * deployment, an operator replaying a parked event): unbounded, it would tell patients today about
 * appointments booked, moved or cancelled years ago. A day outlasts any outage we catch up from;
 * past it, the patient has long acted on the change, or it no longer matters.
 */
export const NOTICE_WINDOW_SECONDS = 24 * 60 * 60;

/** A notice is worth sending for a recent event, and for an appointment still ahead when it names one. */
export const isNews = (recordedAt: string, now: string, start?: string): boolean =>
  Date.parse(now) - Date.parse(recordedAt) <= NOTICE_WINDOW_SECONDS * 1000 && (start === undefined || Date.parse(start) > Date.parse(now));

/** Refusals that mean "already done" or "nothing to do" when an event is handled again. */
const SETTLED: readonly NotificationErrorCode[] = ['NOTIFICATION_CLOSED', 'NOTIFICATION_NOT_FOUND'];

/**
 * Turns Appointments' events into notifications: a confirmation at booking and a reminder before
 * the start; an update and the reminder re-armed for the new time on reschedule (even when the
 * old one was already sent); a notice and no reminder on cancel. Ids come from the trigger and
 * the reminder remembers which events moved it, so handling an event again changes nothing.
 * Whether and where to send is decided at send time; only the dead get nothing scheduled, and
 * nobody gets a notice about an old event or a past appointment (see `NOTICE_WINDOW_SECONDS`).
 */
export const onAppointmentEvent =
  (deps: NotificationsDeps) =>
  async (stored: StoredEvent): Promise<void> => {
    const patientId = stored.metadata.patientId;
    if (!patientId || !APPOINTMENT_TOPICS.includes(stored.type)) return;
    const event: AppointmentEvent = toDomainEvent(appointmentEvents, stored);
    const appointmentId = stored.streamId.slice('appointment-'.length);
    const ctx = policyContext('notifications.on-appointment-event', stored, deps.clock.now());
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
    const notice = async (kind: NotificationKind, notificationId: string, start?: string) => {
      if (isNews(stored.recordedAt, now, start)) await schedule(kind, notificationId, now, start);
    };

    switch (event.type) {
      case 'AppointmentBooked': {
        await notice('confirmation', `confirmation-${appointmentId}`, event.data.start);
        if (reminderAt(event.data.start) > now) await schedule('reminder', reminderId, reminderAt(event.data.start), event.data.start);
        return;
      }
      case 'AppointmentRescheduled': {
        await notice('update', `update-${stored.id}`, event.data.start);
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
        return notice('cancellation', `cancellation-${appointmentId}`);
      }
      default:
        return;
    }
  };
