import { minus, sum, type Money } from '@hcms/shared-kernel';
import { PaymentMethod } from '@hcms/billing/contract';
import type { BillingAccountDoc } from './billing-account.doc.js';

const METHODS = Object.keys(PaymentMethod.keys) as PaymentMethod[];

/** One movement of money on the day, by the method it went by (a refund goes back the way its payment came). */
interface DayMovement {
  readonly method: PaymentMethod;
  readonly kind: 'received' | 'refunded' | 'reversed';
  readonly amount: Money;
}

/** An account's money in and out on `date`: payments received, refunds issued, refunds reversed. */
export const movedOn = (doc: BillingAccountDoc, date: string): DayMovement[] => {
  const { account, history } = doc;
  const received = Object.entries(history.payments).flatMap(([paymentId, h]) => {
    const p = account.payments[paymentId];
    return p && h.on === date ? [{ method: h.method, kind: 'received' as const, amount: p.amount }] : [];
  });
  const refunds = Object.entries(history.refunds).flatMap(([refundId, h]) => {
    const refund = account.refunds[refundId];
    const method = refund && history.payments[refund.paymentId]?.method;
    if (!refund || !method) return [];
    return [
      ...(h.on === date ? [{ method, kind: 'refunded' as const, amount: refund.amount }] : []),
      ...(h.reversedOn === date ? [{ method, kind: 'reversed' as const, amount: refund.amount }] : []),
    ];
  });
  return [...received, ...refunds];
};

/**
 * The body of `GET /billing/reports/takings`: the money received on a day by method, the refunds
 * issued that day less those reversed that day, and what is left (net), per method and in all.
 */
export const takingsReport = (accounts: readonly BillingAccountDoc[], date: string, currency: string, position: number) => {
  const moved = accounts.flatMap((doc) => movedOn(doc, date));
  const total = (kind: DayMovement['kind'], method?: PaymentMethod) =>
    sum(
      currency,
      moved.filter((m) => m.kind === kind && (method === undefined || m.method === method)).map((m) => m.amount),
    );
  const line = (method?: PaymentMethod) => {
    const [received, refunded, reversed] = [total('received', method), total('refunded', method), total('reversed', method)];
    const refundedNet = minus(refunded, reversed);
    return { received, refunded, reversed, refundedNet, net: minus(received, refundedNet) };
  };
  const methods = METHODS.map((method) => ({
    method,
    payments: moved.filter((m) => m.kind === 'received' && m.method === method).length,
    refunds: moved.filter((m) => m.kind === 'refunded' && m.method === method).length,
    ...line(method),
  }));
  return { date, currency, methods, totals: line(), position };
};
