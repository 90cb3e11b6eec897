import * as t from 'io-ts';
import { eventCodec } from '@hcms/shared-kernel';

export const NotificationKind = t.keyof({ confirmation: null, reminder: null, update: null, cancellation: null }, 'NotificationKind');
export type NotificationKind = t.TypeOf<typeof NotificationKind>;
export const Channel = t.keyof({ email: null, sms: null }, 'Channel');
export type Channel = t.TypeOf<typeof Channel>;

export const NotificationScheduled = eventCodec(
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
export const NotificationMoved = eventCodec('NotificationMoved', t.type({ dueAt: t.string, body: t.string }));
export const NotificationCancelled = eventCodec('NotificationCancelled', t.type({ reason: t.string, at: t.string }));
export const DeliveryAttemptFailed = eventCodec(
  'DeliveryAttemptFailed',
  t.type({ attempt: t.number, error: t.string, at: t.string, retryAt: t.string }),
);
export const NotificationSent = eventCodec('NotificationSent', t.type({ attempt: t.number, at: t.string, reference: t.string }));
export const NotificationDelivered = eventCodec('NotificationDelivered', t.type({ at: t.string }));
export const DeliveryFailed = eventCodec('DeliveryFailed', t.type({ attempts: t.number, error: t.string, at: t.string }));
export const DeliveryRetried = eventCodec('DeliveryRetried', t.type({ at: t.string }));

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
