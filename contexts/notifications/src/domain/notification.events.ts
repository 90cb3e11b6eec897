import * as t from 'io-ts';

const event = <T extends string, D extends t.Mixed>(type: T, data: D) => t.type({ type: t.literal(type), data }, type);

export const NotificationKind = t.keyof({ confirmation: null, reminder: null, update: null, cancellation: null }, 'NotificationKind');
export type NotificationKind = t.TypeOf<typeof NotificationKind>;
export const Channel = t.keyof({ email: null, sms: null }, 'Channel');
export type Channel = t.TypeOf<typeof Channel>;

export const NotificationScheduled = event(
  'NotificationScheduled',
  t.type({
    notificationId: t.string,
    patientId: t.string,
    appointmentId: t.string,
    kind: NotificationKind,
    channel: Channel,
    to: t.string,
    subject: t.string,
    body: t.string,
    dueAt: t.string,
  }),
);
export const NotificationMoved = event('NotificationMoved', t.type({ dueAt: t.string, body: t.string }));
export const NotificationCancelled = event('NotificationCancelled', t.type({ reason: t.string, at: t.string }));
export const DeliveryAttemptFailed = event(
  'DeliveryAttemptFailed',
  t.type({ attempt: t.number, error: t.string, at: t.string, retryAt: t.string }),
);
export const NotificationSent = event('NotificationSent', t.type({ attempt: t.number, at: t.string, reference: t.string }));
export const NotificationDelivered = event('NotificationDelivered', t.type({ at: t.string }));
export const DeliveryFailed = event('DeliveryFailed', t.type({ attempts: t.number, error: t.string, at: t.string }));
export const DeliveryRetried = event('DeliveryRetried', t.type({ at: t.string }));

export const NotificationEvent = t.union(
  [
    NotificationScheduled,
    NotificationMoved,
    NotificationCancelled,
    DeliveryAttemptFailed,
    NotificationSent,
    NotificationDelivered,
    DeliveryFailed,
    DeliveryRetried,
  ],
  'NotificationEvent',
);
export type NotificationEvent = t.TypeOf<typeof NotificationEvent>;
