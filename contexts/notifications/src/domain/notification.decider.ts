import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { addSeconds, conflict, invariantViolated, notFound, type Decider, type DomainError } from '@hcms/shared-kernel';
import type { NotificationCommand, RetryPolicy } from './notification.commands.js';
import type { NotificationEvent } from './notification.events.js';
import { claimRefusal, evolveNotification, type ActiveNotification, type NotificationState } from './notification.state.js';
import { isWithheld } from './recipient.rules.js';
import { isOnCallRound, isUnreachable } from './staff-recipient.rules.js';

export type NotificationErrorCode =
  'NOTIFICATION_NOT_FOUND' | 'NOTIFICATION_CLOSED' | 'NOT_FAILED' | 'NOT_DUE' | 'NOTIFICATION_CLAIMED' | 'CLAIM_LOST';
export type NotificationError = DomainError<NotificationErrorCode>;

type Decision = E.Either<NotificationError, readonly NotificationEvent[]>;
type Command<T extends NotificationCommand['type']> = Extract<NotificationCommand, { type: T }>;

const closed = (s: ActiveNotification): Decision => E.left(invariantViolated('NOTIFICATION_CLOSED', `the notification is ${s.status}`));
const claimLost = (): Decision => E.left(conflict('CLAIM_LOST', 'the claim was taken over or withdrawn'));

/**
 * Attempt `attempt` failed: retried after a doubling delay, or given up after the last. An
 * escalating message never ends by failing: the give-up is recorded, so operators see it, and the
 * next round follows in the same append — at once, to the on-call contact, when the staff member
 * could not be reached; after the repeat interval when the on-call contact could not (an outage
 * of a channel or of the staff directory is waited out, not hammered).
 */
const failure = (s: ActiveNotification, attempt: number, error: string, at: string, retry: RetryPolicy): NotificationEvent[] => {
  if (attempt < retry.attempts) {
    const retryAt = addSeconds(at, retry.firstDelaySeconds * 2 ** (attempt - 1));
    return [{ type: 'DeliveryAttemptFailed', data: { attempt, error, at, retryAt } }];
  }
  const failed: NotificationEvent = { type: 'DeliveryFailed', data: { attempts: attempt, error, at } };
  const { escalation } = s;
  if (!escalation) return [failed];
  const next = isOnCallRound(s.round, escalation)
    ? { round: s.round + 1, dueAt: addSeconds(at, escalation.repeatEverySeconds) }
    : { round: escalation.onCallAfterRounds + 1, dueAt: at };
  return [failed, { type: 'NotificationRepeated', data: { ...next, at } }];
};

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
 * A fresh claim whose recipient is withheld cancels instead; one with nobody on the staff to
 * reach is a failed attempt.
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
  if (isUnreachable(cmd.recipient)) return E.right(failure(s, s.attempts + 1, cmd.recipient.unreachable, at, cmd.retry));
  const { channel, to } = cmd.recipient;
  const before = s.message;
  const idempotencyKey = before?.channel === channel && before.to === to ? before.idempotencyKey : `${s.notificationId}:${s.claims + 1}`;
  const data = { attempt: s.attempts + 1, dispatcher, at, leaseUntil, idempotencyKey, channel, to };
  return E.right([{ type: 'NotificationDispatchClaimed', data }]);
};

/**
 * Only the claim's holder records what became of its send. A sent message that escalates is due
 * again, as the next round, unless acknowledged meanwhile: then the send is recorded, and no more.
 */
const outcome = (cmd: Command<'RecordDeliveryOutcome'>, s: ActiveNotification): Decision => {
  const acknowledged = s.status === 'acknowledged';
  if (s.status !== 'scheduled' && !acknowledged) return closed(s);
  const held = s.claim;
  if (held?.dispatcher !== cmd.dispatcher) return acknowledged ? closed(s) : claimLost();
  const { attempt, idempotencyKey, channel } = held;
  if (!cmd.outcome.ok) return acknowledged ? closed(s) : E.right(failure(s, attempt, cmd.outcome.error, cmd.at, cmd.retry));
  const sent: NotificationEvent[] = [
    { type: 'NotificationSent', data: { attempt, at: cmd.at, reference: cmd.outcome.reference, idempotencyKey, channel } },
    ...(cmd.outcome.delivered ? [{ type: 'NotificationDelivered' as const, data: { at: cmd.at } }] : []),
  ];
  if (acknowledged || !s.escalation) return E.right(sent);
  const dueAt = addSeconds(cmd.at, s.escalation.repeatEverySeconds);
  return E.right([...sent, { type: 'NotificationRepeated', data: { round: s.round + 1, dueAt, at: cmd.at } }]);
};

/**
 * An operator sends a failing message again, now: a failed one is scheduled again; an escalating
 * one, already waiting for its next round, has that round brought forward — no round is added.
 * Once: the retry clears the failure. Refused while a dispatcher holds it, as it may be on its way.
 */
const retryDelivery = (cmd: Command<'RetryDelivery'>, s: ActiveNotification): Decision => {
  if (!s.failing || (s.status !== 'failed' && s.status !== 'scheduled'))
    return E.left(invariantViolated('NOT_FAILED', 'only a failed notification can be retried'));
  if (s.claim) return E.left(conflict('NOTIFICATION_CLAIMED', 'a dispatcher is sending it'));
  return E.right([{ type: 'DeliveryRetried', data: { at: cmd.at } }]);
};

/** Once: a second acknowledgement, or one of a cancelled message, changes nothing. */
const acknowledge = (cmd: Command<'AcknowledgeNotification'>, s: ActiveNotification): Decision =>
  s.status === 'acknowledged' || s.status === 'cancelled' || s.triggers.includes(cmd.trigger)
    ? E.right([])
    : E.right([{ type: 'NotificationAcknowledged', data: { at: cmd.at, trigger: cmd.trigger } }]);

/**
 * A message to a patient about an appointment or their results, or to staff about a laboratory
 * order. Its id is derived from what triggered it (`reminder-<appointmentId>`, `critical-<alertId>`…),
 * so scheduling it again, as a redelivered event would, does nothing.
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
      return retryDelivery(cmd, s);
    case 'AcknowledgeNotification':
      return acknowledge(cmd, s);
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
