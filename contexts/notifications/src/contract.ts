/** What the Notifications context publishes (`notifications.<type>`), stream `notification-<id>`. */
import type { EventCodec } from '@hcms/shared-kernel';
import { NotificationEvent } from './domain/notification.events.js';

export * from './domain/notification.events.js';

export const NOTIFICATIONS_CONTEXT = 'notifications';
export const notificationStream = (notificationId: string): string => `notification-${notificationId}`;
export const notificationEvents: EventCodec<NotificationEvent> = {
  context: NOTIFICATIONS_CONTEXT,
  codec: NotificationEvent,
  schemaVersion: 1,
};
