import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, type EventStore, type Route } from '@hcms/shared-kernel';
import type { ReadModelDeps } from './read-model-deps.js';

/** How far each read model has got behind the event log. */
export const readModelStatusRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'headPosition'>): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/read-models',
    summary:
      'Each read model with the last global position it applied (never past an event it parked), how far it is behind the head of the log, and the events it parked',
    tags: ['operations'],
    roles: ['admin', 'auditor', 'clinician', 'receptionist'],
    audit: 'no-patient-data',
    handle: async () => {
      const [head, models] = await Promise.all([store.headPosition(), deps.progress.all()]);
      return E.right({ body: { head, readModels: models.map((m) => ({ ...m, behind: Math.max(0, head - m.position) })) } });
    },
  }),
];
