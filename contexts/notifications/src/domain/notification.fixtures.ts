import type { NotificationCommand } from './notification.commands.js';
import type { NotificationEvent, NotificationEventOf } from './notification.events.js';

/** Histories the decider specs start from. */
export const scheduledData = {
  notificationId: 'reminder-a1',
  patientId: 'p1',
  appointmentId: 'a1',
  kind: 'reminder' as const,
  channel: 'email' as const,
  to: 'ada@example.org',
  subject: 'Appointment reminder',
  body: 'Reminder: …',
  dueAt: '2026-12-06T10:00:00.000Z',
  trigger: 'booked-1',
};
export const scheduled: NotificationEvent = { type: 'NotificationScheduled', data: scheduledData };
export const retry = { attempts: 3, firstDelaySeconds: 10 };
export const at = '2026-12-06T10:00:05.000Z';
export const leaseUntil = '2026-12-06T10:01:05.000Z';
export const recipient = { channel: 'email' as const, to: 'ada@example.org' };

export const claimedBy = (
  dispatcher: string,
  over: Partial<NotificationEventOf<'NotificationDispatchClaimed'>['data']> = {},
): NotificationEvent => ({
  type: 'NotificationDispatchClaimed',
  data: { attempt: 1, dispatcher, at, leaseUntil, idempotencyKey: 'reminder-a1:1', ...recipient, ...over },
});
export const claimA = claimedBy('A');
export const claim = (dispatcher: string, when = at) =>
  ({ type: 'ClaimDispatch', dispatcher, at: when, leaseUntil, recipient, retry }) as const;
export const record = (dispatcher: string, ok: boolean): NotificationCommand => ({
  type: 'RecordDeliveryOutcome',
  dispatcher,
  at,
  outcome: ok ? { ok: true, reference: 'smtp-250', delivered: true } : { ok: false, error: 'smtp down' },
  retry,
});
export const sent = (attempt = 1, idempotencyKey = 'reminder-a1:1'): NotificationEvent[] => [
  { type: 'NotificationSent', data: { attempt, at, reference: 'smtp-250', idempotencyKey, channel: 'email' } },
  { type: 'NotificationDelivered', data: { at } },
];

/** A critical result alert to clinician `c1`: every 10 minutes, to the on-call contact after two rounds. */
export const escalation = { repeatEverySeconds: 600, onCallAfterRounds: 2 };
export const alertData = {
  notificationId: 'critical-al1',
  patientId: 'p1',
  labOrderId: 'lo1',
  audience: 'staff' as const,
  staffId: 'c1',
  escalation,
  kind: 'critical-result' as const,
  subject: 'Critical laboratory result: call the laboratory',
  body: 'Laboratory order lo1 …',
  dueAt: '2026-12-06T10:00:00.000Z',
  trigger: 'detected-1',
};
export const alert: NotificationEvent = { type: 'NotificationScheduled', data: alertData };
