import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, runCommand, withSchema, type Route } from '@hcms/shared-kernel';
import { notificationStream } from '../contract.js';
import { notificationAggregate } from '../application/aggregate.js';
import type { NotificationsDeps } from '../application/notifications.deps.js';

const NOTIFICATION_ID = /^[a-z]{1,20}-[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface NotificationIdBrand {
  readonly NotificationId: unique symbol;
}
/**
 * `<kind>-<appointment or event id>`, `critical-<alertId>`, `results-<labOrderId>-<reportVersion>`…:
 * policies derive notification ids so a redelivered event finds its notification.
 */
const NotificationId = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, NotificationIdBrand> => NOTIFICATION_ID.test(s), 'NotificationId'),
  {
    type: 'string',
    pattern: NOTIFICATION_ID.source,
    example: 'reminder-0195f3a0-0000-7000-8000-000000000000',
    description: 'must be a notification id, <kind>-<id>',
  },
);

/**
 * Operators may send a failing notification again once its channel or the staff directory works:
 * a critical alert still escalating has its pending round brought forward.
 */
export const notificationRoutes = (deps: NotificationsDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/notifications/:notificationId/retry',
    summary: 'Send a failing notification again now (after the channel recovered)',
    tags: ['notifications'],
    roles: ['admin'],
    audit: { resource: 'Notification' },
    params: t.type({ notificationId: NotificationId }),
    errors: [404, 409, 422],
    handle: async ({ params, principal, correlationId, requestId }) =>
      E.map((r: object) => ({ body: { notificationId: params.notificationId, ...r } }))(
        await runCommand(
          deps,
          notificationAggregate,
          notificationStream(params.notificationId),
          { type: 'RetryDelivery', at: deps.clock.now().toISOString() },
          { actor: principal, correlationId, causationId: requestId, now: deps.clock.now() },
        ),
      ),
  }),
];
