import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { addSeconds, invariantViolated, notFound, type Decider, type DomainError } from '@hcms/shared-kernel';
import type { NotificationEvent } from './notification.events.js';

type Scheduled = Extract<NotificationEvent, { type: 'NotificationScheduled' }>['data'];

/** Retries of a failing delivery: `attempts` in all, the wait doubling from `firstDelaySeconds`. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly firstDelaySeconds: number;
}

export type NotificationCommand =
  | ({ readonly type: 'ScheduleNotification' } & Scheduled)
  | { readonly type: 'MoveNotification'; readonly dueAt: string; readonly body: string }
  | { readonly type: 'CancelNotification'; readonly reason: string; readonly at: string }
  | {
      readonly type: 'RecordDeliveryOutcome';
      readonly at: string;
      readonly outcome:
        { readonly ok: true; readonly reference: string; readonly delivered: boolean } | { readonly ok: false; readonly error: string };
      readonly retry: RetryPolicy;
    }
  | { readonly type: 'RetryDelivery'; readonly at: string };

export type NotificationStatus = 'scheduled' | 'sent' | 'delivered' | 'failed' | 'cancelled';
export type NotificationErrorCode = 'NOTIFICATION_NOT_FOUND' | 'NOTIFICATION_CLOSED' | 'NOT_FAILED';
export type NotificationError = DomainError<NotificationErrorCode>;

export type NotificationState =
  | { readonly status: 'none' }
  | { readonly status: NotificationStatus; readonly dueAt: string; readonly attempts: number; readonly appointmentId: string };

type Decision = E.Either<NotificationError, readonly NotificationEvent[]>;

const outcome = (cmd: Extract<NotificationCommand, { type: 'RecordDeliveryOutcome' }>, attempts: number): NotificationEvent[] => {
  const attempt = attempts + 1;
  if (cmd.outcome.ok) {
    const sent: NotificationEvent = { type: 'NotificationSent', data: { attempt, at: cmd.at, reference: cmd.outcome.reference } };
    return cmd.outcome.delivered ? [sent, { type: 'NotificationDelivered', data: { at: cmd.at } }] : [sent];
  }
  if (attempt >= cmd.retry.attempts) return [{ type: 'DeliveryFailed', data: { attempts: attempt, error: cmd.outcome.error, at: cmd.at } }];
  const retryAt = addSeconds(cmd.at, cmd.retry.firstDelaySeconds * 2 ** (attempt - 1));
  return [{ type: 'DeliveryAttemptFailed', data: { attempt, error: cmd.outcome.error, at: cmd.at, retryAt } }];
};

/**
 * A message to a patient about an appointment. Its id is derived from what triggered it
 * (`reminder-<appointmentId>`…), so scheduling it again, as a redelivered event would, does nothing.
 */
export const decideNotification = (cmd: NotificationCommand, s: NotificationState): Decision => {
  if (cmd.type === 'ScheduleNotification') {
    const { type: _t, ...data } = cmd;
    return E.right(s.status === 'none' ? [{ type: 'NotificationScheduled', data }] : []);
  }
  if (s.status === 'none') return E.left(notFound('NOTIFICATION_NOT_FOUND', 'no such notification'));
  const open = s.status === 'scheduled';
  switch (cmd.type) {
    case 'MoveNotification':
      if (!open) return E.left(invariantViolated('NOTIFICATION_CLOSED', `the notification is ${s.status}`));
      return E.right(s.dueAt === cmd.dueAt ? [] : [{ type: 'NotificationMoved', data: { dueAt: cmd.dueAt, body: cmd.body } }]);
    case 'CancelNotification':
      return E.right(open ? [{ type: 'NotificationCancelled', data: { reason: cmd.reason, at: cmd.at } }] : []);
    case 'RecordDeliveryOutcome':
      if (!open) return E.left(invariantViolated('NOTIFICATION_CLOSED', `the notification is ${s.status}`));
      return E.right(outcome(cmd, s.attempts));
    case 'RetryDelivery':
      return s.status === 'failed'
        ? E.right([{ type: 'DeliveryRetried', data: { at: cmd.at } }])
        : E.left(invariantViolated('NOT_FAILED', 'only a failed notification can be retried'));
    default:
      return absurd<Decision>(cmd);
  }
};

export const evolveNotification = (s: NotificationState, e: NotificationEvent): NotificationState => {
  if (e.type === 'NotificationScheduled')
    return { status: 'scheduled', dueAt: e.data.dueAt, attempts: 0, appointmentId: e.data.appointmentId };
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'NotificationMoved':
      return { ...s, dueAt: e.data.dueAt };
    case 'NotificationCancelled':
      return { ...s, status: 'cancelled' };
    case 'DeliveryAttemptFailed':
      return { ...s, attempts: e.data.attempt, dueAt: e.data.retryAt };
    case 'NotificationSent':
      return { ...s, status: 'sent', attempts: e.data.attempt };
    case 'NotificationDelivered':
      return { ...s, status: 'delivered' };
    case 'DeliveryFailed':
      return { ...s, status: 'failed', attempts: e.data.attempts };
    case 'DeliveryRetried':
      return { ...s, status: 'scheduled', attempts: 0, dueAt: e.data.at };
  }
};

export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationState, NotificationError> = {
  initialState: { status: 'none' },
  decide: decideNotification,
  evolve: evolveNotification,
};
