import { sum, type Money } from '@hcms/shared-kernel';
import type { InvoiceStatus, PaymentMethod } from '@hcms/billing/contract';
import { currencyOf } from './account-view.js';
import { creditAsOf, invoiceAsOf } from './as-of.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { byDayThen, compare } from './ordering.js';

/** A patient's account as it stood at the end of a day: movements after it are ignored. */
export interface StatementView {
  readonly patientId: string;
  readonly asOf: string;
  readonly currency: string;
  /** Invoices issued on or before the day and not voided by then, by number, with what each still owed that day. */
  readonly invoices: readonly {
    readonly invoiceId: string;
    readonly number: string;
    readonly issuedOn: string;
    readonly dueOn: string;
    readonly status: InvoiceStatus;
    /** Its total with the debit adjustments made by then. */
    readonly total: Money;
    readonly open: Money;
  }[];
  readonly payments: readonly { readonly paymentId: string; readonly on: string; readonly method: PaymentMethod; readonly amount: Money }[];
  readonly refunds: readonly {
    readonly refundId: string;
    readonly paymentId: string;
    readonly on: string;
    readonly amount: Money;
    /** It did not happen after all: reversed on or before the day. */
    readonly reversed: boolean;
  }[];
  readonly credit: Money;
  /** What the invoices still owed that day. */
  readonly balanceDue: Money;
}

export const statementOf = (doc: BillingAccountDoc, asOf: string, installationCurrency: string): StatementView => {
  const { account, history } = doc;
  const currency = currencyOf(doc, installationCurrency);
  const invoices = Object.entries(history.invoices)
    .flatMap(([invoiceId, h]) => {
      const inv = account.invoices[invoiceId];
      const then = inv && invoiceAsOf(inv, h, asOf);
      if (!inv?.number || !then || then.status === 'voided') return [];
      return [
        { invoiceId, number: inv.number, issuedOn: h.issuedOn, dueOn: h.dueOn, status: then.status, total: then.billed, open: then.open },
      ];
    })
    .sort((a, b) => compare(a.number, b.number));
  const payments = account.paymentOrder.flatMap((paymentId) => {
    const [p, h] = [account.payments[paymentId], history.payments[paymentId]];
    return p && h && h.on <= asOf ? [{ paymentId, on: h.on, method: h.method, amount: p.amount }] : [];
  });
  const refunds = Object.values(account.refunds)
    .flatMap(({ refundId, paymentId, amount }) => {
      const h = history.refunds[refundId];
      if (!h || h.on > asOf) return [];
      return [{ refundId, paymentId, on: h.on, amount, reversed: h.reversedOn !== undefined && h.reversedOn <= asOf }];
    })
    .sort(byDayThen('refundId'));
  return {
    patientId: doc.patientId,
    asOf,
    currency,
    invoices,
    payments,
    refunds,
    credit: creditAsOf(history, currency, asOf),
    balanceDue: sum(
      currency,
      invoices.map((i) => i.open),
    ),
  };
};
