import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, runCommand, type Route } from '@hcms/shared-kernel';
import { notificationStream } from '../contract.js';
import { notificationAggregate } from '../application/aggregate.js';
import type { NotificationsDeps } from '../application/notifications.deps.js';

/** Operators may send a failed notification again once its channel works. */
export const notificationRoutes = (deps: NotificationsDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/notifications/:notificationId/retry',
    summary: 'Send a failed notification again (after the channel recovered)',
    tags: ['notifications'],
    roles: ['admin'],
    params: t.type({ notificationId: t.string }),
    errors: [404, 422],
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
