import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, patientsInItems, Uuid, type Route } from '@hcms/shared-kernel';
import { MinPosition } from '../query-params.js';
import { readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { notificationListProjection, type NotificationView } from './notification-list.projection.js';

export const notificationQueryRoutes = (deps: ReadModelDeps): Route[] => {
  const list = () => deps.collections.of<NotificationView>(notificationListProjection);
  return [
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId/notifications',
      summary: "A patient's notifications, each with its status history (a patient sees those sent to them)",
      tags: ['notifications (read)'],
      roles: ['admin', 'receptionist', 'clinician', 'patient'],
      audit: { resource: 'Notification', keepQuery: ['minPosition'] },
      params: t.type({ patientId: Uuid }),
      query: MinPosition,
      patientOf: ({ params }) => params.patientId,
      handle: async ({ params, query, principal }) => {
        const ready = await readYourWrites(deps, notificationListProjection.name, query.minPosition);
        if (E.isLeft(ready)) return ready;
        const page = await (await list()).find({ where: [{ field: 'patientId', op: 'eq', value: params.patientId }], limit: 500 });
        // Alerts to staff about a patient are the clinicians' business: a patient is not told of a
        // critical result by its alert before someone has spoken to them.
        const shown = page.items.map((i) => i.doc).filter((n) => principal.role !== 'patient' || n.audience !== 'staff');
        return E.right({
          body: { patientId: params.patientId, items: shown },
          positions: { [notificationListProjection.name]: ready.right },
        });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/notifications/failed',
      summary: 'Notifications whose last message failed after its last retry (operators); an alert still escalating is listed too',
      tags: ['notifications (read)', 'operations'],
      roles: ['admin'],
      audit: { resource: 'Notification', patientsIn: patientsInItems },
      handle: async () => {
        // `failing`, not the status: a critical alert that failed goes on to its next round, `scheduled`.
        const page = await (await list()).find({ where: [{ field: 'failing', op: 'eq', value: true }], limit: 500 });
        return E.right({ body: { items: page.items.map((i) => i.doc) } });
      },
    }),
  ];
};
