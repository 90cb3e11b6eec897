import * as E from 'fp-ts/lib/Either.js';
import { notificationRoutes } from '@hcms/notifications';
import { projections, queryRoutes, ReadModelProgress, type NotificationView, type ReadModelDeps } from '@hcms/projections';
import { ReadStoreSubscriptionStore, type DomainError, type Route, type RouteResponse } from '@hcms/shared-kernel';
import { systemClock } from '../system/system-clock.js';
import type { Replica } from './notifications.fixtures.js';

/** What operators reach over HTTP, called through the real routes on one replica's stores. */
const call = async (route: Route | undefined, params: object = {}): Promise<E.Either<DomainError, RouteResponse>> => {
  if (!route) throw new Error('no such route');
  const input = { params, query: {}, body: undefined, principal: { id: 'operator', role: 'admin' }, requestId: 'r', correlationId: 'c' };
  return route.handle(input as Parameters<Route['handle']>[0]);
};

/** `GET /notifications/failed`: what operators are shown as failing. */
export const failedList = async (r: Replica): Promise<readonly NotificationView[]> => {
  const records = new ReadStoreSubscriptionStore(r.readStore);
  const { collections } = r.readModels;
  const deps: ReadModelDeps = {
    readStore: r.readStore,
    collections,
    progress: new ReadModelProgress(
      records,
      collections,
      projections.map((p) => p.name),
    ),
    records,
    readYourWritesTimeoutMs: 1000,
    head: async () => 0,
  };
  const routes = queryRoutes(deps, r.store, systemClock);
  const answer = await call(routes.find((route) => route.method === 'GET' && route.path === '/notifications/failed'));
  if (E.isLeft(answer)) throw new Error(answer.left.code);
  return (answer.right.body as { items: NotificationView[] }).items;
};

/** `POST /notifications/:notificationId/retry`: the refusal's code, or undefined when retried. */
export const operatorRetry = async (r: Replica, notificationId: string): Promise<string | undefined> => {
  const route = notificationRoutes(r.deps).find((route) => route.path === '/notifications/:notificationId/retry');
  const answer = await call(route, { notificationId });
  return E.isLeft(answer) ? answer.left.code : undefined;
};
