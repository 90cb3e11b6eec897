/** What the Notifications context publishes (`notifications.<type>`), stream `notification-<id>`. */
import { type EventCodec, ERASED_TEXT, type PersonalDataPolicy } from '@hcms/shared-kernel';
import { NotificationEvent } from './domain/notification.events.js';

export * from './domain/notification.events.js';

export const NOTIFICATIONS_CONTEXT = 'notifications';
export const notificationStream = (notificationId: string): string => `notification-${notificationId}`;
export const notificationEvents: EventCodec<NotificationEvent> = {
  context: NOTIFICATIONS_CONTEXT,
  codec: NotificationEvent,
  schemaVersion: 1,
};

/** The personal data in Notifications events: the message (it names the patient) and its address. */
export const notificationsPersonalData: PersonalDataPolicy = {
  'notifications.NotificationScheduled': { subject: ERASED_TEXT, body: ERASED_TEXT, to: ERASED_TEXT },
  'notifications.NotificationMoved': { body: ERASED_TEXT },
  'notifications.NotificationRearmed': { subject: ERASED_TEXT, body: ERASED_TEXT },
  'notifications.NotificationDispatchClaimed': { to: ERASED_TEXT },
  // A channel's refusal often repeats the address it refused.
  'notifications.DeliveryAttemptFailed': { error: ERASED_TEXT },
  'notifications.DeliveryFailed': { error: ERASED_TEXT },
};
