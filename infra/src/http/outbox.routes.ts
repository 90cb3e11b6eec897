import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, type Route } from '@hcms/shared-kernel';
import type { OutboxChannel } from '../notifications/outbox-channel.js';

/** The local outbox, for development and for sites without SMTP or an SMS provider configured. */
export const outboxRoutes = (outbox: Pick<OutboxChannel, 'entries'>): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/notifications/outbox',
    summary: 'Messages delivered to the local outbox (when no SMTP server or SMS provider is configured), newest first',
    tags: ['notifications', 'operations'],
    roles: ['admin'],
    audit: { resource: 'Notification' },
    handle: async () => E.right({ body: { items: await outbox.entries() } }),
  }),
];
