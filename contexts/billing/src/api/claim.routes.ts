import * as E from 'fp-ts/lib/Either.js';
import { notFound, type Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { handleAccountCommand, loadAccount } from '../application/account-command.handler.js';
import { accountStep } from './billing-step.js';
import * as R from './billing.requests.js';

export const claimRoutes = (deps: BillingDeps): Route[] => {
  const B = R.moneyBodies(deps.currency);
  const command = handleAccountCommand(deps);
  return [
    accountStep(deps, {
      path: '/invoices/:invoiceId/claims',
      summary: 'Claim lines of an issued invoice from a payer (all its lines unless `chargeIds` says which)',
      params: R.InvoiceParams,
      body: R.ClaimBody,
      successStatus: 201,
      creates: 'claim',
      run: async ({ params, body, ctx, newId }) => {
        const claimId = newId();
        const result = await command(params.patientId, { type: 'SubmitClaim', claimId, invoiceId: params.invoiceId, ...body }, ctx);
        return E.map((r: object) => ({ ...r, claimId }))(result);
      },
    }),
    accountStep(deps, {
      path: '/claims/:claimId/resubmit',
      summary: 'Submit a rejected claim again, corrected (another payer, other lines); 409 CLAIM_STATE unless it was rejected',
      params: R.ClaimParams,
      body: R.ResubmitBody,
      run: async ({ params, body, ctx }) => {
        const claim = (await loadAccount(deps, params.patientId)).claims[params.claimId];
        if (!claim) return E.left(notFound('CLAIM_NOT_FOUND', 'no such claim on this account', { details: { claimId: params.claimId } }));
        const payer = body.payer ?? claim.payer;
        return command(
          params.patientId,
          {
            type: 'SubmitClaim',
            resubmission: true,
            claimId: params.claimId,
            invoiceId: claim.invoiceId,
            payer,
            ...(body.chargeIds ? { chargeIds: body.chargeIds } : {}),
          },
          ctx,
        );
      },
    }),
    accountStep(deps, {
      path: '/claims/:claimId/accept',
      summary: 'The payer accepted the claim for adjudication',
      params: R.ClaimParams,
      run: ({ params, ctx }) => command(params.patientId, { type: 'AcceptClaim', claimId: params.claimId }, ctx),
    }),
    accountStep(deps, {
      path: '/claims/:claimId/reject',
      summary: 'The payer rejected the claim (a wrong code, a missing field): it can be corrected and submitted again',
      params: R.ClaimParams,
      body: R.ReasonBody,
      run: ({ params, body, ctx }) => command(params.patientId, { type: 'RejectClaim', claimId: params.claimId, reason: body.reason }, ctx),
    }),
    accountStep(deps, {
      path: '/claims/:claimId/lines/:chargeId/adjudication',
      summary:
        'The payer’s decision on one line: what it pays (recorded as an insurance payment on the invoice) and, for what it denies, whether the patient owes it (`patient`) or it is written off (`write-off`)',
      params: R.ClaimLineParams,
      body: B.AdjudicationBody,
      run: ({ params, body, ctx }) =>
        command(
          params.patientId,
          {
            type: 'AdjudicateClaimLine',
            claimId: params.claimId,
            chargeId: params.chargeId,
            ...body,
            paymentId: deps.derivedId('claim-payment', params.claimId, params.chargeId),
            writeOffId: deps.derivedId('claim-write-off', params.claimId, params.chargeId),
          },
          ctx,
        ),
    }),
  ];
};
