import type { Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { chargeRoutes } from './charge.routes.js';
import { claimRoutes } from './claim.routes.js';
import { feeRoutes } from './fee.routes.js';
import { invoiceRoutes } from './invoice.routes.js';
import { paymentRoutes } from './payment.routes.js';

/** Billing's command API: the fee schedule, charges, invoices, money and claims. */
export const billingRoutes = (deps: BillingDeps): Route[] => [
  ...feeRoutes(deps),
  ...chargeRoutes(deps),
  ...invoiceRoutes(deps),
  ...paymentRoutes(deps),
  ...claimRoutes(deps),
];
