import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, forbidden, requestContext, type Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { handleAccountCommand } from '../application/account-command.handler.js';
import { receivePayment, type Received } from '../application/receive-payment.handler.js';
import { accountStep, CLERKS, TAGS } from './billing-step.js';
import * as R from './billing.requests.js';

export const paymentRoutes = (deps: BillingDeps): Route[] => {
  const B = R.moneyBodies(deps.currency);
  const command = handleAccountCommand(deps);
  return [
    defineRoute({
      method: 'POST',
      path: '/patients/:patientId/payments',
      summary:
        'Record a payment (cash, card, insurance) in integer minor units: allocated to the invoices named, or else to the oldest due first; what is left is the account’s credit. Send an `Idempotency-Key`: a retry with it answers the original payment (200) and records nothing; the same key with another amount or method is 409 IDEMPOTENCY_KEY_REUSED. Patients pay their own account by card: their payment is pending (202) and counts once billing confirms the card processor settled it (`…/confirm`)',
      tags: TAGS,
      roles: [...CLERKS, 'patient'],
      params: R.PatientParams,
      body: B.PaymentBody,
      headers: [R.IDEMPOTENCY_KEY],
      patientOf: ({ params }) => params.patientId,
      audit: { resource: 'Account' },
      successStatus: 201,
      errors: [200, 202, 404, 409, 422, 503],
      handle: async (input) => {
        const patient = input.principal.role === 'patient';
        if (patient && input.body.method !== 'card')
          return E.left(
            forbidden('PATIENT_PAYS_BY_CARD', 'patients pay their account by card; cash and insurance are recorded by billing'),
          );
        if (patient && input.body.allocations)
          return E.left(
            forbidden('PATIENT_ALLOCATES_NOTHING', 'a patient’s payment is allocated when billing confirms it, oldest due first'),
          );
        const key = input.headers?.[R.IDEMPOTENCY_KEY.name];
        // On a patient's word alone no balance changes: their payment waits for the processor's settlement.
        const request = { ...input.body, pending: patient };
        const result = await receivePayment(deps)(input.params.patientId, request, key, requestContext(input, deps.clock.now()));
        return E.map(({ payment, created, position }: Received) => ({
          status: 'status' in payment ? 202 : created ? 201 : 200,
          body: { patientId: input.params.patientId, ...payment, position },
        }))(result);
      },
    }),
    accountStep(deps, {
      path: '/payments/:paymentId/refunds',
      summary:
        'Give money back from a payment, with a reason: at most what it brought less earlier refunds. It comes from the payment’s unallocated credit first, then from the invoices it paid, the latest first (they owe again)',
      params: R.PaymentParams,
      body: B.RefundBody,
      successStatus: 201,
      creates: 'refund',
      run: async ({ params, body, ctx, newId }) => {
        const refundId = newId();
        const result = await command(params.patientId, { type: 'IssueRefund', refundId, paymentId: params.paymentId, ...body }, ctx);
        return E.map((r: object) => ({ ...r, refundId }))(result);
      },
    }),
    accountStep(deps, {
      path: '/payments/:paymentId/confirm',
      summary:
        'The card processor settled a patient’s pending payment: it counts from now, allocated to the oldest due invoices first, the rest credit. Confirming again records nothing',
      params: R.PaymentParams,
      run: ({ params, ctx }) => command(params.patientId, { type: 'ConfirmPayment', paymentId: params.paymentId }, ctx),
    }),
    accountStep(deps, {
      path: '/payments/:paymentId/decline',
      summary: 'The card processor did not settle a patient’s pending payment: it is set aside, with the reason, and never counts',
      params: R.PaymentParams,
      body: R.ReasonBody,
      run: ({ params, body, ctx }) =>
        command(params.patientId, { type: 'DeclinePayment', paymentId: params.paymentId, reason: body.reason }, ctx),
    }),
    accountStep(deps, {
      path: '/refunds/:refundId/reverse',
      summary: 'The refund did not happen (a transfer bounced): its amount is the payment’s credit again',
      params: R.RefundParams,
      body: R.ReasonBody,
      run: ({ params, body, ctx }) =>
        command(params.patientId, { type: 'ReverseRefund', refundId: params.refundId, reason: body.reason }, ctx),
    }),
  ];
};
