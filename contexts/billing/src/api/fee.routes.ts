import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, requestContext, type CommandResult, type Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { setFee } from '../application/fee-schedule.js';
import { TAGS } from './billing-step.js';
import * as R from './billing.requests.js';

export const feeRoutes = (deps: BillingDeps): Route[] => {
  const B = R.moneyBodies(deps.currency);
  return [
    defineRoute({
      method: 'PUT',
      path: '/billing/fees/:code',
      summary:
        'Set a service’s price from a date on (the fee schedule): a later date adds a price, the same date replaces it. Charges take the price in force on their date of service and keep it, so no edit here changes what was charged or invoiced. Amounts are integer minor units (cents) of the installation’s currency',
      tags: TAGS,
      roles: ['admin'],
      params: R.FeeParams,
      body: B.SetFeeBody,
      audit: 'no-patient-data',
      errors: [422],
      handle: async (input) => {
        const result = await setFee(deps)({ code: input.params.code, ...input.body }, requestContext(input, deps.clock.now()));
        return E.map(({ version, position }: CommandResult) => ({ status: 200, body: { code: input.params.code, version, position } }))(
          result,
        );
      },
    }),
  ];
};
