import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, IsoDate, type Clock, type EventStore, type Route, type Versioned } from '@hcms/shared-kernel';
import { MinPosition } from '../query-params.js';
import { readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { agedInvoices, agingReport } from './aging.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import type { BillingReadPorts } from './billing-documents.js';
import { accountsAt } from './billing-log.js';
import { BILLING_STAFF, BILLING_TAGS } from './billing-route-kit.js';
import { accountsMovedSince, accountsOpenAfter } from './billing.query.js';
import { ACCOUNTS } from './document-answer.js';
import { movedOn, takingsReport } from './takings.js';

/** The accounts a report drew on, by patient: what a reproduction folds again from the log. */
const versionsOf = (accounts: readonly Versioned<BillingAccountDoc>[]) => Object.fromEntries(accounts.map((a) => [a.id, a.version]));

/** Billing's reports over every account, as of a day of the clinic. */
export const billingReportRoutes = (
  deps: ReadModelDeps,
  store: Pick<EventStore, 'readStream'>,
  clock: Clock,
  ports: BillingReadPorts,
): Route[] => {
  const today = () => ports.dateOf(clock.now().toISOString());
  return [
    defineRoute({
      method: 'GET',
      path: '/billing/reports/aging',
      summary:
        'Accounts receivable aging as of the end of a day (`asOf`, default today): every invoice issued by then still owing something that day (later movements ignored), by patient, in buckets of days past due (`0-30`, not yet due included; `31-60`; `61-90`; `90+`), each with its total and count; the grand total is their sum, in minor units',
      tags: BILLING_TAGS,
      roles: BILLING_STAFF,
      query: t.intersection([t.partial({ asOf: IsoDate }), MinPosition]),
      audit: {
        resource: 'Invoice',
        keepQuery: ['minPosition', 'asOf'],
        patientsIn: (body) => ((body as { patients?: { patientId: string }[] }).patients ?? []).map((p) => p.patientId),
        reproduce: async ({ query, positions, versions, at }) => {
          const accounts = await accountsAt(store, versions);
          return accounts && agingReport(accounts, query['asOf'] ?? ports.dateOf(at), ports.currency, positions[ACCOUNTS] ?? 0);
        },
      },
      errors: [503],
      handle: async ({ query }) => {
        const ready = await readYourWrites(deps, ACCOUNTS, query.minPosition);
        if (E.isLeft(ready)) return ready;
        const asOf = query.asOf ?? today();
        const owing = (await accountsOpenAfter(deps, asOf)).filter((a) => agedInvoices(a.doc, asOf).length > 0);
        return E.right({
          body: agingReport(
            owing.map((a) => a.doc),
            asOf,
            ports.currency,
            ready.right,
          ),
          positions: { [ACCOUNTS]: ready.right },
          versions: versionsOf(owing),
        });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/billing/reports/takings',
      summary:
        "A day's takings (`date`, default today): the money received by method (cash, card, insurance), the refunds issued that day less those reversed that day, and what is left (net), per method and in all, in minor units",
      tags: BILLING_TAGS,
      roles: BILLING_STAFF,
      query: t.intersection([t.partial({ date: IsoDate }), MinPosition]),
      audit: {
        resource: 'Account',
        keepQuery: ['minPosition', 'date'],
        reproduce: async ({ query, positions, versions, at }) => {
          const accounts = await accountsAt(store, versions);
          return accounts && takingsReport(accounts, query['date'] ?? ports.dateOf(at), ports.currency, positions[ACCOUNTS] ?? 0);
        },
      },
      errors: [503],
      handle: async ({ query }) => {
        const ready = await readYourWrites(deps, ACCOUNTS, query.minPosition);
        if (E.isLeft(ready)) return ready;
        const date = query.date ?? today();
        const moved = (await accountsMovedSince(deps, date)).filter((a) => movedOn(a.doc, date).length > 0);
        return E.right({
          body: takingsReport(
            moved.map((a) => a.doc),
            date,
            ports.currency,
            ready.right,
          ),
          positions: { [ACCOUNTS]: ready.right },
          versions: versionsOf(moved),
        });
      },
    }),
  ];
};
