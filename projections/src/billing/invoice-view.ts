import { zero, type Money } from '@hcms/shared-kernel';
import { invoiceStatus, openBalance, type AccountState, type Charge, type Invoice, type InvoiceStatus } from '@hcms/billing/contract';
import { byDayThen } from './ordering.js';
import type { BillingAccountDoc, InvoiceHistory, InvoiceMovement, PaymentHistory } from './billing-account.doc.js';

export interface InvoiceLine {
  readonly chargeId: string;
  readonly code: string;
  readonly description: string;
  readonly serviceDate: string;
  readonly quantity: number;
  readonly unitPrice?: Money;
  /** Absent on a draft's charge still waiting for a price. */
  readonly amount?: Money;
}

/** An invoice as its account holds it: lines, totals, what is still open, and every dated movement. */
export interface InvoiceView {
  readonly invoiceId: string;
  readonly patientId: string;
  readonly status: InvoiceStatus;
  readonly number?: string;
  readonly issuedOn?: string;
  readonly dueOn?: string;
  readonly voidedOn?: string;
  readonly lines: readonly InvoiceLine[];
  /** A draft's priced charges; an issued invoice's total as issued. */
  readonly total: Money;
  readonly debits: Money;
  readonly credits: Money;
  readonly paid: Money;
  readonly writtenOff: Money;
  readonly open: Money;
  readonly adjustments: readonly {
    readonly adjustmentId: string;
    readonly on: string;
    readonly kind: 'credit' | 'debit';
    readonly amount: Money;
  }[];
  /** Money put on it: payments allocated and credit applied. */
  readonly payments: readonly {
    readonly paymentId: string;
    readonly on: string;
    readonly method: PaymentHistory['method'];
    readonly amount: Money;
  }[];
  /** Paid money that left it again, given back by a refund or turned into credit by a credit note. */
  readonly releases: readonly { readonly on: string; readonly kind: 'refund-release' | 'credit-note-release'; readonly amount: Money }[];
  readonly writeOffs: readonly {
    readonly writeOffId: string;
    readonly on: string;
    readonly reasonCode: string;
    readonly amount: Money;
    readonly reversedOn?: string;
  }[];
  readonly movements: readonly InvoiceMovement[];
  readonly claimIds: readonly string[];
}

export const lineOf = (c: Charge): InvoiceLine => ({
  chargeId: c.chargeId,
  code: c.code,
  description: c.description,
  serviceDate: c.serviceDate,
  quantity: c.quantity,
  ...(c.unitPrice === undefined ? {} : { unitPrice: c.unitPrice }),
  ...(c.amount === undefined ? {} : { amount: c.amount }),
});

/** A draft's lines are its charges still open; an issued invoice's, those it froze. */
const linesOf = (account: AccountState, inv: Invoice): InvoiceLine[] =>
  inv.chargeIds.flatMap((id) => {
    const c = account.charges[id];
    return c && (inv.status !== 'draft' || c.status === 'open') ? [lineOf(c)] : [];
  });

const noHistory = (inv: Invoice): InvoiceHistory => ({ issuedOn: inv.issuedOn ?? '', dueOn: inv.dueOn ?? '', movements: [] });

/** One invoice of the account, undefined when the account has none by that id. */
export const invoiceView = (doc: BillingAccountDoc, invoiceId: string): InvoiceView | undefined => {
  const inv = doc.account.invoices[invoiceId];
  if (!inv) return undefined;
  const h = doc.history.invoices[invoiceId] ?? noHistory(inv);
  const { history } = doc;
  const of = <K extends InvoiceMovement['kind']>(...kinds: K[]) =>
    h.movements.filter((m): m is InvoiceMovement & { kind: K } => (kinds as string[]).includes(m.kind));
  return {
    invoiceId,
    patientId: doc.patientId,
    status: invoiceStatus(inv),
    ...(inv.number === undefined ? {} : { number: inv.number }),
    ...(inv.issuedOn === undefined ? {} : { issuedOn: inv.issuedOn }),
    ...(inv.dueOn === undefined ? {} : { dueOn: inv.dueOn }),
    ...(h.voidedOn === undefined ? {} : { voidedOn: h.voidedOn }),
    lines: linesOf(doc.account, inv),
    total: inv.total,
    debits: inv.debits,
    credits: inv.credits,
    paid: inv.paid,
    writtenOff: inv.writtenOff,
    open: inv.status === 'issued' ? openBalance(inv) : zero(inv.total.currency),
    adjustments: Object.entries(history.adjustments)
      .filter(([, a]) => a.invoiceId === invoiceId)
      .map(([adjustmentId, a]) => ({ adjustmentId, on: a.on, kind: a.kind, amount: a.amount }))
      .sort(byDayThen('adjustmentId')),
    payments: of('payment', 'credit-applied').flatMap((m) => {
      const p = history.payments[m.ref];
      return p ? [{ paymentId: m.ref, on: m.on, method: p.method, amount: m.amount }] : [];
    }),
    releases: of('refund-release', 'credit-note-release').map((m) => ({ on: m.on, kind: m.kind, amount: m.amount })),
    writeOffs: of('write-off').flatMap((m) => {
      const w = history.writeOffs[m.ref];
      return w
        ? [
            {
              writeOffId: m.ref,
              on: m.on,
              reasonCode: w.reasonCode,
              amount: m.amount,
              ...(w.reversedOn ? { reversedOn: w.reversedOn } : {}),
            },
          ]
        : [];
    }),
    movements: h.movements,
    claimIds: inv.claimIds,
  };
};
