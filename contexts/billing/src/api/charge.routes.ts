import * as E from 'fp-ts/lib/Either.js';
import { notFound, unavailable, type Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { handleAccountCommand, loadAccount } from '../application/account-command.handler.js';
import { captureCharge } from '../application/capture-charge.js';
import { accountStep } from './billing-step.js';
import * as R from './billing.requests.js';

export const chargeRoutes = (deps: BillingDeps): Route[] => {
  const B = R.moneyBodies(deps.currency);
  return [
    accountStep(deps, {
      path: '/charges',
      summary:
        'Charge a service by hand (a procedure, a supply): priced from the fee schedule on the date of service unless `unitPrice` is given, and described as the schedule describes the code; gathered on the account’s draft invoice. With no price anywhere it is recorded unpriced and waits for one (`…/price`)',
      params: R.PatientParams,
      body: B.ChargeBody,
      successStatus: 201,
      errors: [404, 409, 422, 503],
      creates: 'charge',
      run: async ({ params, body, ctx, newId }) => {
        const known = await deps.patientExists(params.patientId);
        if (known === 'behind') return E.left(unavailable('NOT_CAUGHT_UP', 'the patient directory is catching up: retry shortly'));
        if (!known) return E.left(notFound('PATIENT_NOT_FOUND', 'no such patient', { details: { patientId: params.patientId } }));
        const chargeId = newId();
        const result = await captureCharge(deps)(
          { patientId: params.patientId, chargeId, source: { kind: 'manual' }, quantity: body.quantity ?? 1, ...body },
          ctx,
        );
        if (E.isLeft(result)) return result;
        const invoiceId = (await loadAccount(deps, params.patientId)).charges[chargeId]?.invoiceId;
        return E.right({ ...result.right, chargeId, invoiceId });
      },
    }),
    accountStep(deps, {
      path: '/charges/:chargeId/price',
      summary: 'Price a charge that had no price in force on its date of service; the draft it is on counts it from then on',
      params: R.ChargeParams,
      body: B.PriceBody,
      run: ({ params, body, ctx }) =>
        handleAccountCommand(deps)(params.patientId, { type: 'PriceCharge', chargeId: params.chargeId, ...body }, ctx),
    }),
    accountStep(deps, {
      path: '/charges/:chargeId/void',
      summary:
        'Take a charge off its draft (charged by mistake, an order cancelled), with a reason. A charge on an issued invoice is corrected by a credit note instead (409 CHARGE_INVOICED)',
      params: R.ChargeParams,
      body: R.ReasonBody,
      run: ({ params, body, ctx }) =>
        handleAccountCommand(deps)(params.patientId, { type: 'VoidCharge', chargeId: params.chargeId, ...body }, ctx),
    }),
  ];
};
