import { compareMoney, isPositive, isZero, minus, plus, zero, type Money } from '@hcms/shared-kernel';
import type { Invoice, InvoiceStatus } from '@hcms/billing/contract';
import type { AccountHistory, CreditMovementKind, InvoiceHistory, InvoiceMovementKind, Movement } from './billing-account.doc.js';

/** Far enough ahead that every movement recorded is on or before it. */
export const END_OF_TIME = '9999-12-31';

const INVOICE_SIGN: Readonly<Record<InvoiceMovementKind, 1 | -1>> = {
  payment: -1,
  'credit-applied': -1,
  'refund-release': 1,
  'credit-note-release': 1,
  'credit-note': -1,
  debit: 1,
  'write-off': -1,
  'write-off-reversal': 1,
};

const CREDIT_SIGN: Readonly<Record<CreditMovementKind, 1 | -1>> = {
  received: 1,
  applied: -1,
  refunded: -1,
  'refund-reversed': 1,
  released: 1,
};

const added = <K extends string>(start: Money, movements: readonly Movement<K>[], sign: Readonly<Record<K, 1 | -1>>, day: string): Money =>
  movements.reduce((total, m) => (m.on > day ? total : sign[m.kind] > 0 ? plus(total, m.amount) : minus(total, m.amount)), start);

export interface InvoiceAsOf {
  readonly status: InvoiceStatus;
  /** What the invoice asked for by then: its total and the debit adjustments. */
  readonly billed: Money;
  readonly open: Money;
}

/**
 * An issued invoice as it stood at the end of `day`, movements after it ignored: not issued yet
 * (undefined), voided (nothing open), or what it still owed. As of a day after every movement, it
 * is what the account's fold says.
 */
export const invoiceAsOf = (inv: Invoice, h: InvoiceHistory, day: string): InvoiceAsOf | undefined => {
  if (h.issuedOn > day) return undefined;
  const billed = added(
    inv.total,
    h.movements.filter((m) => m.kind === 'debit'),
    INVOICE_SIGN,
    day,
  );
  if (h.voidedOn !== undefined && h.voidedOn <= day) return { status: 'voided', billed, open: zero(inv.total.currency) };
  const open = added(inv.total, h.movements, INVOICE_SIGN, day);
  const status = isZero(open) ? 'paid' : compareMoney(open, billed) < 0 ? 'partially-paid' : 'issued';
  return { status, billed, open };
};

/** The account's credit (money received and on no invoice) at the end of `day`. */
export const creditAsOf = (h: AccountHistory, currency: string, day: string): Money => added(zero(currency), h.credit, CREDIT_SIGN, day);

/**
 * The day from which an invoice is closed for good (`END_OF_TIME` while it is open, '' if it never
 * was): its open balance only changes on the days it moved, so those days are all to look at.
 */
export const closedFrom = (inv: Invoice, h: InvoiceHistory): string => {
  const days = [...new Set([h.issuedOn, ...(h.voidedOn === undefined ? [] : [h.voidedOn]), ...h.movements.map((m) => m.on)])].sort();
  let lastOpen: number | undefined;
  days.forEach((day, i) => {
    const open = invoiceAsOf(inv, h, day)?.open;
    if (open && isPositive(open)) lastOpen = i;
  });
  if (lastOpen === undefined) return '';
  return days[lastOpen + 1] ?? END_OF_TIME;
};
