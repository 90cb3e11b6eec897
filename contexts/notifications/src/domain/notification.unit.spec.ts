import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { NotificationEvent } from './notification.events.js';

const given = specFor(notificationDecider);
const scheduledData = {
  notificationId: 'reminder-a1',
  patientId: 'p1',
  appointmentId: 'a1',
  kind: 'reminder' as const,
  channel: 'email' as const,
  to: 'ada@example.org',
  subject: 'Appointment reminder',
  body: 'Reminder: …',
  dueAt: '2026-12-06T10:00:00.000Z',
};
const scheduled: NotificationEvent = { type: 'NotificationScheduled', data: scheduledData };
const retry = { attempts: 3, firstDelaySeconds: 10 };
const at = '2026-12-06T10:00:05.000Z';
const failure = { type: 'RecordDeliveryOutcome', at, outcome: { ok: false, error: 'smtp down' }, retry } as const;

describe('Notification', () => {
  it('is scheduled once per trigger, however often the trigger is seen', () => {
    given([])
      .when({ type: 'ScheduleNotification', ...scheduledData })
      .then([scheduled]);
    given([scheduled])
      .when({ type: 'ScheduleNotification', ...scheduledData })
      .then([]);
  });
  it('moves while still scheduled', () =>
    given([scheduled])
      .when({ type: 'MoveNotification', dueAt: '2026-12-07T10:00:00.000Z', body: 'b' })
      .then([{ type: 'NotificationMoved', data: { dueAt: '2026-12-07T10:00:00.000Z', body: 'b' } }]));
  it('is cancelled while still scheduled, and a cancelled one stays quiet', () => {
    const cancelled: NotificationEvent = { type: 'NotificationCancelled', data: { reason: 'appointment cancelled', at } };
    given([scheduled]).when({ type: 'CancelNotification', reason: 'appointment cancelled', at }).then([cancelled]);
    given([scheduled, cancelled]).when({ type: 'CancelNotification', reason: 'again', at }).then([]);
    given([scheduled, cancelled])
      .when({ ...failure, outcome: { ok: true, reference: 'r', delivered: true } })
      .thenFails('NOTIFICATION_CLOSED');
  });
  it('is sent and delivered', () =>
    given([scheduled])
      .when({ type: 'RecordDeliveryOutcome', at, outcome: { ok: true, reference: 'smtp-250', delivered: true }, retry })
      .then([
        { type: 'NotificationSent', data: { attempt: 1, at, reference: 'smtp-250' } },
        { type: 'NotificationDelivered', data: { at } },
      ]));
  it('retries a failure with exponential backoff, then fails for good', () => {
    const first: NotificationEvent = {
      type: 'DeliveryAttemptFailed',
      data: { attempt: 1, error: 'smtp down', at, retryAt: '2026-12-06T10:00:15.000Z' },
    };
    const second: NotificationEvent = {
      type: 'DeliveryAttemptFailed',
      data: { attempt: 2, error: 'smtp down', at, retryAt: '2026-12-06T10:00:25.000Z' },
    };
    given([scheduled]).when(failure).then([first]);
    given([scheduled, first]).when(failure).then([second]);
    given([scheduled, first, second])
      .when(failure)
      .then([{ type: 'DeliveryFailed', data: { attempts: 3, error: 'smtp down', at } }]);
  });
  it('can be retried by an operator once failed, and only then', () => {
    const failed: NotificationEvent = { type: 'DeliveryFailed', data: { attempts: 3, error: 'smtp down', at } };
    given([scheduled, failed])
      .when({ type: 'RetryDelivery', at })
      .then([{ type: 'DeliveryRetried', data: { at } }]);
    given([scheduled]).when({ type: 'RetryDelivery', at }).thenFails('NOT_FAILED');
  });
  it('refuses commands for an unknown notification', () =>
    given([]).when({ type: 'RetryDelivery', at }).thenFails('NOTIFICATION_NOT_FOUND'));
});
