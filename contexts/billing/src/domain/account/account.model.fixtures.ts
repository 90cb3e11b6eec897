/**
 * An independent model of an account's money for the property spec: it reads the events with
 * plain integer arithmetic and shares no code with `account.state.ts`, so a slip in the state's
 * folding shows as a difference between the two.
 */
import type { AccountEvent } from './account.events.js';

export interface ModelInvoice {
  /** Being issued from its start until its number; only issued invoices owe anything. */
  status: 'issuing' | 'issued' | 'voided';
  total: number;
  debits: number;
  credits: number;
  allocated: number;
  released: number;
  writtenOff: number;
  reversed: number;
}

export interface ModelPayment {
  readonly amount: number;
  credit: number;
  refunded: number;
  /** Net amount on each invoice: allocated less released. */
  readonly net: Map<string, number>;
}

export interface Model {
  readonly invoices: ReadonlyMap<string, ModelInvoice>;
  readonly payments: ReadonlyMap<string, ModelPayment>;
}

export const modelOpen = (inv: ModelInvoice): number =>
  inv.total + inv.debits - inv.credits - inv.allocated + inv.released - inv.writtenOff + inv.reversed;

const known = <K, V>(map: ReadonlyMap<K, V>, key: K): V => {
  const value = map.get(key);
  if (value === undefined) throw new Error(`an event names ${String(key)}, which no earlier event recorded`);
  return value;
};

export const modelOf = (events: readonly AccountEvent[]): Model => {
  const invoices = new Map<string, ModelInvoice>();
  const payments = new Map<string, ModelPayment>();
  const refunds = new Map<string, { readonly paymentId: string; readonly amount: number }>();
  const writeOffs = new Map<string, { readonly invoiceId: string; readonly amount: number }>();
  const move = (payment: ModelPayment, invoiceId: string, amount: number): void => {
    payment.net.set(invoiceId, (payment.net.get(invoiceId) ?? 0) + amount);
    const inv = known(invoices, invoiceId);
    if (amount > 0) inv.allocated += amount;
    else inv.released -= amount;
  };
  for (const event of events) {
    switch (event.type) {
      case 'InvoiceIssueStarted': {
        const d = event.data;
        invoices.set(d.invoiceId, {
          status: 'issuing',
          total: d.total.amount,
          debits: 0,
          credits: 0,
          allocated: 0,
          released: 0,
          writtenOff: 0,
          reversed: 0,
        });
        break;
      }
      case 'InvoiceIssued':
        known(invoices, event.data.invoiceId).status = 'issued';
        break;
      case 'InvoiceVoided':
        known(invoices, event.data.invoiceId).status = 'voided';
        break;
      case 'InvoiceAdjusted': {
        const d = event.data;
        const inv = known(invoices, d.invoiceId);
        if (d.kind === 'credit') inv.credits += d.amount.amount;
        else inv.debits += d.amount.amount;
        for (const r of d.released) {
          const p = known(payments, r.paymentId);
          p.credit += r.amount.amount;
          move(p, d.invoiceId, -r.amount.amount);
        }
        break;
      }
      case 'PaymentReceived': {
        const d = event.data;
        const p: ModelPayment = { amount: d.amount.amount, credit: d.credit.amount, refunded: 0, net: new Map() };
        payments.set(d.paymentId, p);
        for (const a of d.allocations) move(p, a.invoiceId, a.amount.amount);
        break;
      }
      case 'CreditApplied':
        for (const f of event.data.from) {
          const p = known(payments, f.paymentId);
          p.credit -= f.amount.amount;
          move(p, event.data.invoiceId, f.amount.amount);
        }
        break;
      case 'RefundIssued': {
        const d = event.data;
        const p = known(payments, d.paymentId);
        p.refunded += d.amount.amount;
        p.credit -= d.fromCredit.amount;
        for (const r of d.released) move(p, r.invoiceId, -r.amount.amount);
        refunds.set(d.refundId, { paymentId: d.paymentId, amount: d.amount.amount });
        break;
      }
      case 'RefundReversed': {
        const r = known(refunds, event.data.refundId);
        const p = known(payments, r.paymentId);
        p.refunded -= r.amount;
        p.credit += r.amount;
        break;
      }
      case 'WrittenOff':
        known(invoices, event.data.invoiceId).writtenOff += event.data.amount.amount;
        writeOffs.set(event.data.writeOffId, { invoiceId: event.data.invoiceId, amount: event.data.amount.amount });
        break;
      case 'WriteOffReversed': {
        const w = known(writeOffs, event.data.writeOffId);
        known(invoices, w.invoiceId).reversed += w.amount;
        break;
      }
      case 'PaymentPending':
      case 'PaymentDeclined':
        // A card payment waiting for its settlement counts for nothing until it is received.
        break;
      default:
        // Charges, drafts and claims move no money by themselves.
        break;
    }
  }
  return { invoices, payments };
};
