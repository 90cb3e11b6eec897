import * as E from 'fp-ts/lib/Either.js';
import type { Route } from '@hcms/shared-kernel';
import type { BillingDeps } from '../application/billing.deps.js';
import { handleAccountCommand } from '../application/account-command.handler.js';
import { issueInvoice } from '../application/issue-invoice.handler.js';
import { accountStep } from './billing-step.js';
import * as R from './billing.requests.js';

export const invoiceRoutes = (deps: BillingDeps): Route[] => {
  const B = R.moneyBodies(deps.currency);
  const command = handleAccountCommand(deps);
  return [
    accountStep(deps, {
      path: '/invoices/:invoiceId/issue',
      summary:
        'Issue a draft: it gets the next number of the year (gapless, never reused), today’s date and a due date by the payment terms, and its priced charges are frozen; unpriced ones wait on the next draft. Issuing again answers the same number. From then on it is corrected only by credit notes and adjustments',
      params: R.InvoiceParams,
      run: ({ params, ctx }) => issueInvoice(deps)(params.patientId, params.invoiceId, ctx),
    }),
    accountStep(deps, {
      path: '/invoices/:invoiceId/void',
      summary:
        'Void an issued invoice nothing was paid or written off on (409 INVOICE_HAS_PAYMENTS otherwise) and no payer holds a claim on: its number stays used, its charges go back to a draft',
      params: R.InvoiceParams,
      body: R.ReasonBody,
      run: ({ params, body, ctx }) =>
        command(
          params.patientId,
          { type: 'VoidInvoice', invoiceId: params.invoiceId, reason: body.reason, redraftId: deps.ids.next() },
          ctx,
        ),
    }),
    accountStep(deps, {
      path: '/invoices/:invoiceId/adjustments',
      summary:
        'A credit note (`credit`: less owed) or a debit adjustment (`debit`: more owed) on an issued invoice, with a reason. A credit note takes back at most what the invoice bills; beyond what is still open, it turns paid money into the account’s credit',
      params: R.InvoiceParams,
      body: B.AdjustmentBody,
      successStatus: 201,
      creates: 'adjustment',
      run: async ({ params, body, ctx, newId }) => {
        const adjustmentId = newId();
        const result = await command(params.patientId, { type: 'AdjustInvoice', adjustmentId, invoiceId: params.invoiceId, ...body }, ctx);
        return E.map((r: object) => ({ ...r, adjustmentId }))(result);
      },
    }),
    accountStep(deps, {
      path: '/invoices/:invoiceId/write-offs',
      summary:
        'Write off part or all of what an issued invoice still owes, with a reason code (and a note): at most the open balance; 409 INVOICE_PAID when nothing is owed',
      params: R.InvoiceParams,
      body: B.WriteOffBody,
      successStatus: 201,
      creates: 'write-off',
      run: async ({ params, body, ctx, newId }) => {
        const writeOffId = newId();
        const result = await command(params.patientId, { type: 'WriteOff', writeOffId, invoiceId: params.invoiceId, ...body }, ctx);
        return E.map((r: object) => ({ ...r, writeOffId }))(result);
      },
    }),
    accountStep(deps, {
      path: '/write-offs/:writeOffId/reverse',
      summary: 'Reverse a write-off (the amount is owed again), with a reason',
      params: R.WriteOffParams,
      body: R.ReasonBody,
      run: ({ params, body, ctx }) =>
        command(params.patientId, { type: 'ReverseWriteOff', writeOffId: params.writeOffId, reason: body.reason }, ctx),
    }),
    accountStep(deps, {
      path: '/invoices/:invoiceId/apply-credit',
      summary:
        'Pay an issued invoice from the account’s credit (oldest payments first): `amount`, or as much as it owes and the credit allows',
      params: R.InvoiceParams,
      body: B.ApplyCreditBody,
      creates: 'credit-application',
      run: ({ params, body, ctx, newId }) =>
        command(
          params.patientId,
          { type: 'ApplyCredit', applicationId: newId(), invoiceId: params.invoiceId, ...(body.amount ? { amount: body.amount } : {}) },
          ctx,
        ),
    }),
  ];
};
