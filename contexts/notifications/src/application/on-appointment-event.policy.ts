import { addSeconds, policyContext, toDomainEvent, type StoredEvent } from '@hcms/shared-kernel';
import { appointmentEvents, type AppointmentEvent } from '@hcms/appointments/contract';
import { addressOf } from '../domain/recipient.rules.js';
import { messageFor, type AppointmentNoticeKind } from './messages.js';
import { isNews } from './notice-window.js';
import { policyRunner } from './notification-command.js';
import type { NotificationsDeps } from './notifications.deps.js';

export const APPOINTMENT_TOPICS = [
  'appointments.AppointmentBooked',
  'appointments.AppointmentRescheduled',
  'appointments.AppointmentCancelled',
];

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
    const run = policyRunner(deps, ctx, patientId);
    const contact = await deps.contacts.contactOf(patientId);
    const known = contact ? addressOf(contact) : undefined;
    const schedule = async (kind: AppointmentNoticeKind, notificationId: string, dueAt: string, start?: string) => {
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
    const notice = async (kind: AppointmentNoticeKind, notificationId: string, start?: string) => {
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
