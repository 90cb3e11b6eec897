import { isPositive, lessOf, minus, type Money } from '@hcms/shared-kernel';
import type { InvoiceShare, PaymentShare } from './billing.values.js';
import { openBalance, type AccountState, type Invoice } from './account.state.js';

/** Issued invoices still owing, the oldest due first: where money goes when nobody says. */
export const owingOldestFirst = (s: AccountState): Invoice[] =>
  Object.values(s.invoices)
    .filter((inv) => inv.status === 'issued' && isPositive(openBalance(inv)))
    .sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || (a.number ?? '').localeCompare(b.number ?? ''));

/** Takes `amount` from a list of sources in order, each up to what it has; returns the shares and what was left untaken. */
export const takeInOrder = <K extends string>(
  amount: Money,
  sources: readonly { readonly key: K; readonly available: Money }[],
): { readonly shares: { readonly key: K; readonly amount: Money }[]; readonly left: Money } => {
  const shares: { key: K; amount: Money }[] = [];
  let left = amount;
  for (const source of sources) {
    if (!isPositive(left)) break;
    const take = lessOf(left, source.available);
    if (!isPositive(take)) continue;
    shares.push({ key: source.key, amount: take });
    left = minus(left, take);
  }
  return { shares, left };
};

/** Pays the oldest due invoices first with `amount`. */
export const autoAllocate = (s: AccountState, amount: Money): { readonly allocations: InvoiceShare[]; readonly credit: Money } => {
  const { shares, left } = takeInOrder(
    amount,
    owingOldestFirst(s).map((inv) => ({ key: inv.invoiceId, available: openBalance(inv) })),
  );
  return { allocations: shares.map((x) => ({ invoiceId: x.key, amount: x.amount })), credit: left };
};

/** The account's credit, oldest payment first. */
export const creditSources = (s: AccountState): { readonly key: string; readonly available: Money }[] =>
  s.paymentOrder.flatMap((id) => {
    const p = s.payments[id];
    return p && isPositive(p.credit) ? [{ key: id, available: p.credit }] : [];
  });

/** What payments paid on one invoice, the most recent payment first: released in that order. */
export const paidOnInvoiceLatestFirst = (s: AccountState, invoiceId: string): { readonly key: string; readonly available: Money }[] =>
  [...s.paymentOrder].reverse().flatMap((id) => {
    const share = s.payments[id]?.allocations.find((a) => a.invoiceId === invoiceId);
    return share ? [{ key: id, available: share.amount }] : [];
  });

export const toPaymentShares = (shares: readonly { readonly key: string; readonly amount: Money }[]): PaymentShare[] =>
  shares.map((x) => ({ paymentId: x.key, amount: x.amount }));
