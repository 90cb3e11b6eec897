import type { Audience, Channel, Escalation, NotificationEvent } from './notification.events.js';

/** `acknowledged`: an escalating message whose purpose was met; no round follows. */
export type NotificationStatus = 'scheduled' | 'sent' | 'delivered' | 'failed' | 'cancelled' | 'acknowledged';

/** The dispatcher holding a scheduled notification, and the message it is sending. */
export interface Claim {
  readonly dispatcher: string;
  readonly leaseUntil: string;
  readonly idempotencyKey: string;
  readonly attempt: number;
  readonly channel: Channel;
  readonly to: string;
  /**
   * The message may already be at the channel: a takeover of a claim whose dispatcher died, or a
   * retry of an attempt that failed without knowing (a timeout after the provider took it).
   */
  readonly askFirst: boolean;
}

/** One message as the channel knows it: the same key every attempt until its content or recipient changes. */
export interface Message {
  readonly idempotencyKey: string;
  readonly channel: Channel;
  readonly to: string;
}

export interface ActiveNotification {
  readonly status: NotificationStatus;
  readonly notificationId: string;
  /** The patient it is about: the addressee unless `audience` is staff. */
  readonly patientId: string;
  readonly appointmentId?: string;
  readonly labOrderId?: string;
  readonly audience: Audience;
  readonly staffId?: string;
  readonly escalation?: Escalation;
  /** 1, and one more each time an escalating message is repeated. */
  readonly round: number;
  readonly dueAt: string;
  readonly subject: string;
  readonly body: string;
  /** Delivery attempts of the current message (reset by a re-arm, a repeat or an operator's retry). */
  readonly attempts: number;
  /** Messages (idempotency keys) ever made: numbers the keys, so no two messages share one. */
  readonly claims: number;
  readonly claim?: Claim;
  /** The message the attempts so far went out as; absent once it changed (moved, re-armed, retried by an operator). */
  readonly message?: Message;
  /** Events already applied, so a trigger handled twice changes nothing the second time. */
  readonly triggers: readonly string[];
  /**
   * Its last message failed for good and none has gone out since: set by `DeliveryFailed`, kept
   * through the next round of an escalating message (which does not stop for it), cleared by a send.
   */
  readonly failing?: true;
  readonly detailsErased?: true;
}

export type NotificationState = { readonly status: 'none' } | ActiveNotification;

/** Why a dispatcher may not claim the notification at `at`: closed, not yet due, or held under a live lease. */
export type ClaimRefusal = 'NOTIFICATION_CLOSED' | 'NOT_DUE' | 'NOTIFICATION_CLAIMED';

/**
 * The one rule for who may claim: the decider refuses with it, and the dispatcher checks it before
 * claiming so it does not read a contact or append for a notification it cannot have.
 */
export const claimRefusal = (s: ActiveNotification, at: string): ClaimRefusal | undefined => {
  if (s.status !== 'scheduled') return 'NOTIFICATION_CLOSED';
  if (s.dueAt > at) return 'NOT_DUE';
  return s.claim && s.claim.leaseUntil > at ? 'NOTIFICATION_CLAIMED' : undefined;
};

const remember = (triggers: readonly string[], trigger: string | undefined): readonly string[] =>
  trigger === undefined || triggers.includes(trigger) ? triggers : [...triggers, trigger];

/** Drops the claim: the next send is a fresh claim, of the same message. */
const unclaimed = (s: ActiveNotification): ActiveNotification => {
  const { claim: _claim, ...rest } = s;
  return rest;
};

/** No longer failing: a message went out, or an operator or a reschedule started it again. */
const recovered = (s: ActiveNotification): ActiveNotification => {
  const { failing: _failing, ...rest } = s;
  return rest;
};

/** Drops the claim and the message: what is sent next is a new message, under a new key. */
const changed = (s: ActiveNotification): ActiveNotification => {
  const { claim: _claim, message: _message, ...rest } = s;
  return rest;
};

export const evolveNotification = (s: NotificationState, e: NotificationEvent): NotificationState => {
  if (e.type === 'NotificationScheduled') {
    if (s.status !== 'none') return s;
    const { notificationId, patientId, appointmentId, labOrderId, audience, staffId, escalation, dueAt, subject, body, trigger } = e.data;
    return {
      status: 'scheduled',
      notificationId,
      patientId,
      ...(appointmentId === undefined ? {} : { appointmentId }),
      ...(labOrderId === undefined ? {} : { labOrderId }),
      audience: audience ?? 'patient',
      ...(staffId === undefined ? {} : { staffId }),
      ...(escalation === undefined ? {} : { escalation }),
      round: 1,
      dueAt,
      subject,
      body,
      attempts: 0,
      claims: 0,
      triggers: remember([], trigger),
    };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'NotificationMoved':
      return { ...changed(s), dueAt: e.data.dueAt, body: e.data.body, triggers: remember(s.triggers, e.data.trigger) };
    case 'NotificationRearmed': {
      const { dueAt, subject, body, trigger } = e.data;
      return { ...recovered(changed(s)), status: 'scheduled', dueAt, subject, body, attempts: 0, triggers: remember(s.triggers, trigger) };
    }
    case 'NotificationCancelled':
      return { ...unclaimed(s), status: 'cancelled', triggers: remember(s.triggers, e.data.trigger) };
    case 'NotificationDispatchClaimed': {
      const { dispatcher, leaseUntil, idempotencyKey, attempt, channel, to, takesOverFrom } = e.data;
      // A key not seen before is a new message (in older histories every fresh claim was one).
      const again = s.message?.idempotencyKey === idempotencyKey;
      const claim: Claim = { dispatcher, leaseUntil, idempotencyKey, attempt, channel, to, askFirst: again || takesOverFrom !== undefined };
      return { ...s, claims: again ? s.claims : s.claims + 1, claim, message: { idempotencyKey, channel, to } };
    }
    case 'DeliveryAttemptFailed':
      return { ...unclaimed(s), attempts: e.data.attempt, dueAt: e.data.retryAt };
    // A send in flight when it was acknowledged is recorded, and it stays acknowledged.
    case 'NotificationSent':
      return { ...recovered(unclaimed(s)), status: s.status === 'acknowledged' ? s.status : 'sent', attempts: e.data.attempt };
    case 'NotificationDelivered':
      return { ...s, status: s.status === 'acknowledged' ? s.status : 'delivered' };
    case 'DeliveryFailed':
      return { ...unclaimed(s), status: 'failed', attempts: e.data.attempts, failing: true };
    // The round it was on is sent again now, as a new message: an escalating one keeps its round.
    case 'DeliveryRetried':
      return { ...recovered(changed(s)), status: 'scheduled', attempts: 0, dueAt: e.data.at };
    case 'NotificationRepeated':
      return { ...changed(s), status: 'scheduled', round: e.data.round, dueAt: e.data.dueAt, attempts: 0 };
    // The claim stays: its holder may still record the send it made.
    case 'NotificationAcknowledged':
      return { ...s, status: 'acknowledged', triggers: remember(s.triggers, e.data.trigger) };
    case 'NotificationDetailsErased':
      return { ...s, detailsErased: true };
  }
};
