import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, everyMatch, notFound, type Clock, type Route } from '@hcms/shared-kernel';
import { priceOn, ServiceCode } from '@hcms/billing/contract';
import { MinPosition } from '../query-params.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import type { BillingReadPorts } from './billing-documents.js';
import { BILLING_STAFF, BILLING_TAGS } from './billing-route-kit.js';
import { feeScheduleProjection, type FeeScheduleEntry } from './fee-schedule.projection.js';

const FEES = feeScheduleProjection.name;

const noFee = notFound('FEE_NOT_FOUND', 'no price was ever set for this service code');

/** A service's prices by the day each takes effect, and the one in force today (none before the first). */
const feeBody = (entry: FeeScheduleEntry, today: string) => {
  const current = priceOn({ prices: entry.prices }, today);
  return { code: entry.code, prices: entry.prices, ...(current ? { current } : {}) };
};

/**
 * The fee schedule, for those who bill: prices are amounts, which clinicians are not shown. It
 * holds no patient data.
 */
export const feeScheduleRoutes = (deps: ReadModelDeps, clock: Clock, ports: BillingReadPorts): Route[] => {
  const today = () => ports.dateOf(clock.now().toISOString());
  return [
    defineRoute({
      method: 'GET',
      path: '/billing/fees',
      summary: "The fee schedule: each service code's prices with the day each takes effect, by code",
      tags: BILLING_TAGS,
      roles: BILLING_STAFF,
      query: MinPosition,
      audit: 'no-patient-data',
      errors: [503],
      handle: async ({ query }) => {
        const ready = await readYourWrites(deps, FEES, query.minPosition);
        if (E.isLeft(ready)) return ready;
        const entries = await everyMatch(await deps.collections.of<FeeScheduleEntry>(feeScheduleProjection));
        return E.right({ body: { items: entries.map(({ doc }) => ({ code: doc.code, prices: doc.prices })), position: ready.right } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/billing/fees/:code',
      summary: "One service code's prices with the day each takes effect, and the one in force today",
      tags: BILLING_TAGS,
      roles: BILLING_STAFF,
      params: t.type({ code: ServiceCode }),
      query: MinPosition,
      audit: 'no-patient-data',
      errors: [404, 503],
      handle: async ({ params, query }) => {
        const ready = await readYourWrites(deps, FEES, query.minPosition);
        if (E.isLeft(ready)) return ready;
        const found = await readById<FeeScheduleEntry>(deps, feeScheduleProjection, params.code, ready.right);
        if (!found) return E.left(noFee);
        return E.right({ body: { ...feeBody(found.doc, today()), version: found.version, position: ready.right } });
      },
    }),
  ];
};
