import type { Clock, EventStore, Route } from '@hcms/shared-kernel';
import type { ReadModelDeps } from '../read-model-deps.js';
import { accountRoutes } from './account.routes.js';
import { billingReportRoutes } from './billing-reports.routes.js';
import type { BillingReadPorts } from './billing-documents.js';
import { feeScheduleRoutes } from './fee-schedule.routes.js';
import { invoiceRoutes } from './invoice.routes.js';

/** Billing's read side: accounts, invoices, statements, reports and the fee schedule. */
export const billingQueryRoutes = (
  deps: ReadModelDeps,
  store: Pick<EventStore, 'readStream'>,
  clock: Clock,
  ports: BillingReadPorts,
): Route[] => [
  ...accountRoutes(deps, store, clock, ports),
  ...invoiceRoutes(deps, store, ports),
  ...billingReportRoutes(deps, store, clock, ports),
  ...feeScheduleRoutes(deps, clock, ports),
];
