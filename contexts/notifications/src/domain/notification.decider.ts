import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { addSeconds, conflict, invariantViolated, notFound, type Decider, type DomainError } from '@hcms/shared-kernel';
import type { NotificationCommand } from './notification.commands.js';
import type { NotificationEvent } from './notification.events.js';
import { claimRefusal, evolveNotification, type ActiveNotification, type NotificationState } from './notification.state.js';
import { isWithheld } from './recipient.rules.js';

export type NotificationErrorCode =
  'NOTIFICATION_NOT_FOUND' | 'NOTIFICATION_CLOSED' | 'NOT_FAILED' | 'NOT_DUE' | 'NOTIFICATION_CLAIMED' | 'CLAIM_LOST';
export type NotificationError = DomainError<NotificationErrorCode>;

type Decision = E.Either<NotificationError, readonly NotificationEvent[]>;
type Command<T extends NotificationCommand['type']> = Extract<NotificationCommand, { type: T }>;

const closed = (s: ActiveNotification): Decision => E.left(invariantViolated('NOTIFICATION_CLOSED', `the notification is ${s.status}`));

const rearm = (cmd: Command<'RearmNotification'>, s: ActiveNotification): Decision => {
  if (s.triggers.includes(cmd.trigger)) return E.right([]);
  const { dueAt, subject, body, trigger, at } = cmd;
  return E.right(
    s.status === 'scheduled'
      ? [{ type: 'NotificationMoved', data: { dueAt, body, trigger } }]
      : [{ type: 'NotificationRearmed', data: { dueAt, subject, body, trigger, at } }],
  );
};

const cancel = (cmd: Command<'CancelNotification'>, s: ActiveNotification): Decision => {
  if (s.status !== 'scheduled' || (cmd.trigger !== undefined && s.triggers.includes(cmd.trigger))) return E.right([]);
  const { type: _t, ...data } = cmd;
  return E.right([{ type: 'NotificationCancelled', data }]);
};

/**
 * One dispatcher at a time: a live claim refuses; an expired one (its dispatcher died between
 * claiming and recording) is taken over with the same key and recipient, so the channel can
 * tell it already has the message. A retry after a failed attempt keeps the key too — a timed-out
 * send may have been taken — unless the recipient changed meanwhile, which makes a new message.
 * A fresh claim whose recipient is withheld cancels instead.
 */
const claim = (cmd: Command<'ClaimDispatch'>, s: ActiveNotification): Decision => {
  switch (claimRefusal(s, cmd.at)) {
    case 'NOTIFICATION_CLOSED':
      return closed(s);
    case 'NOT_DUE':
      return E.left(invariantViolated('NOT_DUE', `due at ${s.dueAt}`));
    case 'NOTIFICATION_CLAIMED':
      return E.left(conflict('NOTIFICATION_CLAIMED', 'another dispatcher is sending it'));
    case undefined:
      break;
  }
  const { dispatcher, at, leaseUntil } = cmd;
  const held = s.claim;
  if (held) {
    const { attempt, idempotencyKey, channel, to } = held;
    const data = { attempt, dispatcher, at, leaseUntil, idempotencyKey, channel, to, takesOverFrom: held.dispatcher };
    return E.right([{ type: 'NotificationDispatchClaimed', data }]);
  }
  if (isWithheld(cmd.recipient)) return E.right([{ type: 'NotificationCancelled', data: { reason: cmd.recipient.withheld, at } }]);
  const { channel, to } = cmd.recipient;
  const before = s.message;
  const idempotencyKey = before?.channel === channel && before.to === to ? before.idempotencyKey : `${s.notificationId}:${s.claims + 1}`;
  const data = { attempt: s.attempts + 1, dispatcher, at, leaseUntil, idempotencyKey, channel, to };
  return E.right([{ type: 'NotificationDispatchClaimed', data }]);
};

const outcome = (cmd: Command<'RecordDeliveryOutcome'>, s: ActiveNotification): Decision => {
  if (s.status !== 'scheduled') return closed(s);
  const held = s.claim;
  if (held?.dispatcher !== cmd.dispatcher) return E.left(conflict('CLAIM_LOST', 'the claim was taken over or withdrawn'));
  const { attempt, idempotencyKey, channel } = held;
  if (cmd.outcome.ok) {
    const sent: NotificationEvent = {
      type: 'NotificationSent',
      data: { attempt, at: cmd.at, reference: cmd.outcome.reference, idempotencyKey, channel },
    };
    return E.right(cmd.outcome.delivered ? [sent, { type: 'NotificationDelivered', data: { at: cmd.at } }] : [sent]);
  }
  const { error } = cmd.outcome;
  if (attempt >= cmd.retry.attempts) return E.right([{ type: 'DeliveryFailed', data: { attempts: attempt, error, at: cmd.at } }]);
  const retryAt = addSeconds(cmd.at, cmd.retry.firstDelaySeconds * 2 ** (attempt - 1));
  return E.right([{ type: 'DeliveryAttemptFailed', data: { attempt, error, at: cmd.at, retryAt } }]);
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
  switch (cmd.type) {
    case 'RearmNotification':
      return rearm(cmd, s);
    case 'CancelNotification':
      return cancel(cmd, s);
    case 'ClaimDispatch':
      return claim(cmd, s);
    case 'RecordDeliveryOutcome':
      return outcome(cmd, s);
    case 'RetryDelivery':
      return s.status === 'failed'
        ? E.right([{ type: 'DeliveryRetried', data: { at: cmd.at } }])
        : E.left(invariantViolated('NOT_FAILED', 'only a failed notification can be retried'));
    case 'EraseDetails':
      return E.right(s.detailsErased ? [] : [{ type: 'NotificationDetailsErased', data: { at: cmd.at } }]);
    default:
      return absurd<Decision>(cmd);
  }
};

export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationState, NotificationError> = {
  initialState: { status: 'none' },
  decide: decideNotification,
  evolve: evolveNotification,
};
