import type { NotificationChannel, OutgoingMessage } from '@hcms/notifications';

/** Email and SMS each to their configured channel, or to the outbox when none is configured. */
export const channelRouter = (channels: {
  readonly email: NotificationChannel;
  readonly sms: NotificationChannel;
}): NotificationChannel => ({
  send: (message: OutgoingMessage) => channels[message.channel].send(message),
  lookup: async (message) => channels[message.channel].lookup?.(message),
});
