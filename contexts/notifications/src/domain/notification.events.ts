import * as t from 'io-ts';
import { eventCodec } from '@hcms/shared-kernel';

export const NotificationKind = t.keyof(
  {
    confirmation: null,
    reminder: null,
    update: null,
    cancellation: null,
    'critical-result': null,
    'results-available': null,
    'corrected-report': null,
  },
  'NotificationKind',
);
export type NotificationKind = t.TypeOf<typeof NotificationKind>;
export const Channel = t.keyof({ email: null, sms: null }, 'Channel');
export type Channel = t.TypeOf<typeof Channel>;
/** Who it is for: the patient (reached by their contact details and wishes) or a member of staff. */
export const Audience = t.keyof({ patient: null, staff: null }, 'Audience');
export type Audience = t.TypeOf<typeof Audience>;
/**
 * A message sent again every `repeatEverySeconds` until acknowledged: to the staff member for the
 * first `onCallAfterRounds` rounds, to the on-call contact after them.
 */
export const Escalation = t.type({ repeatEverySeconds: t.number, onCallAfterRounds: t.number }, 'Escalation');
export type Escalation = t.TypeOf<typeof Escalation>;

/**
 * `channel` and `to` are what was known when scheduling, kept for history: the address is read
 * again at send time. `trigger` is the event that scheduled it (absent in older events).
 * `audience` absent is a patient; a staff message names its `staffId`. It is about an appointment
 * (`appointmentId`) or a laboratory order (`labOrderId`); events written before laboratory
 * notices all name an appointment.
 */
export const NotificationScheduled = eventCodec(
  'NotificationScheduled',
  t.intersection([
    t.type({
      notificationId: t.string,
      patientId: t.string,
      kind: NotificationKind,
      subject: t.string,
      body: t.string,
      dueAt: t.string,
    }),
    t.partial({
      appointmentId: t.string,
      labOrderId: t.string,
      audience: Audience,
      staffId: t.string,
      escalation: Escalation,
      channel: Channel,
      to: t.string,
      trigger: t.string,
    }),
  ]),
);
export const NotificationMoved = eventCodec(
  'NotificationMoved',
  t.intersection([t.type({ dueAt: t.string, body: t.string }), t.partial({ trigger: t.string })]),
);
/** A sent, delivered, failed or cancelled notification scheduled again (a reminder after a reschedule). */
export const NotificationRearmed = eventCodec(
  'NotificationRearmed',
  t.type({ dueAt: t.string, subject: t.string, body: t.string, trigger: t.string, at: t.string }),
);
export const NotificationCancelled = eventCodec(
  'NotificationCancelled',
  t.intersection([t.type({ reason: t.string, at: t.string }), t.partial({ trigger: t.string })]),
);
/**
 * One dispatcher holds the notification until `leaseUntil`. A takeover of an expired claim keeps
 * its idempotency key and recipient, and a retry after a failed attempt its key: the key names one
 * message, which may already be at the channel. A claim under a key not seen before is a new message.
 */
export const NotificationDispatchClaimed = eventCodec(
  'NotificationDispatchClaimed',
  t.intersection([
    t.type({
      attempt: t.number,
      dispatcher: t.string,
      at: t.string,
      leaseUntil: t.string,
      idempotencyKey: t.string,
      channel: Channel,
      to: t.string,
    }),
    t.partial({ takesOverFrom: t.string }),
  ]),
);
export const DeliveryAttemptFailed = eventCodec(
  'DeliveryAttemptFailed',
  t.type({ attempt: t.number, error: t.string, at: t.string, retryAt: t.string }),
);
export const NotificationSent = eventCodec(
  'NotificationSent',
  t.intersection([
    t.type({ attempt: t.number, at: t.string, reference: t.string }),
    t.partial({ idempotencyKey: t.string, channel: Channel }),
  ]),
);
export const NotificationDelivered = eventCodec('NotificationDelivered', t.type({ at: t.string }));
export const DeliveryFailed = eventCodec('DeliveryFailed', t.type({ attempts: t.number, error: t.string, at: t.string }));
export const DeliveryRetried = eventCodec('DeliveryRetried', t.type({ at: t.string }));
/**
 * A message that escalates went out, or failed for good, and nobody acknowledged it yet: round
 * `round` is due at `dueAt`, a new message under a new idempotency key. It never ends by failing.
 */
export const NotificationRepeated = eventCodec('NotificationRepeated', t.type({ round: t.number, dueAt: t.string, at: t.string }));
/**
 * What it asked for was done, or is no longer needed (a critical result's read-back was recorded,
 * or a corrected report replaced the report it was about): no round follows. A claim in flight may
 * still record the send it made.
 */
export const NotificationAcknowledged = eventCodec('NotificationAcknowledged', t.type({ at: t.string, trigger: t.string }));
/** Its patient was erased: what it said to them, and where, is gone from every view. */
export const NotificationDetailsErased = eventCodec('NotificationDetailsErased', t.type({ at: t.string }));

export const NotificationEvent = t.union(
  [
    NotificationScheduled,
    NotificationMoved,
    NotificationRearmed,
    NotificationCancelled,
    NotificationDispatchClaimed,
    DeliveryAttemptFailed,
    NotificationSent,
    NotificationDelivered,
    DeliveryFailed,
    DeliveryRetried,
    NotificationRepeated,
    NotificationAcknowledged,
    NotificationDetailsErased,
  ],
  'NotificationEvent',
);
export type NotificationEvent = t.TypeOf<typeof NotificationEvent>;
export type NotificationEventOf<T extends NotificationEvent['type']> = Extract<NotificationEvent, { type: T }>;
