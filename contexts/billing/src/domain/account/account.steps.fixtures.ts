/**
 * Random work on one account for the property spec: steps are drawn before the account exists,
 * naming invoices, payments and claims by position, and become commands against the state they
 * meet. Amounts are absolute or a percentage (up to 120%) of what the command could take, so
 * both the accepted and the refused side of every bound are reached. Issuing is two steps, as in
 * the handler, so some invoices stay being issued for a while (or for good).
 */
import fc from 'fast-check';
import { MAX_MINOR, type IsoDate } from '@hcms/shared-kernel';
import type * as C from './account.commands.js';
import { openBalance, type AccountState, type Invoice } from './account.state.js';
import {
  acceptClaim,
  adjudicate,
  applyCredit,
  capture,
  confirmPayment,
  creditNote,
  debit,
  declinePayment,
  eur,
  numberInvoice,
  pay,
  payOnline,
  priceCharge,
  refund,
  rejectClaim,
  reverseRefund,
  reverseWriteOff,
  startIssue,
  resubmitClaim,
  submitClaim,
  usd,
  voidCharge,
  voidInvoice,
  writeOff,
} from './account.fixtures.js';

type AmountSpec = { readonly abs: number } | { readonly pct: number };
const amountSpec: fc.Arbitrary<AmountSpec> = fc.oneof(
  fc.integer({ min: 1, max: 500_000 }).map((abs) => ({ abs })),
  fc.integer({ min: 1, max: 120 }).map((pct) => ({ pct })),
);
// Never beyond what the API lets through: larger amounts are refused before they reach the account.
const amountOf = (spec: AmountSpec, base: number): number =>
  Math.min(MAX_MINOR, 'abs' in spec ? spec.abs : Math.max(1, Math.floor((Math.max(base, 1) * spec.pct) / 100)));
// Now and then a price near the largest amount, so charges, prices and drafts reach that bound too.
const price = fc.oneof(
  { weight: 19, arbitrary: fc.integer({ min: 1, max: 500_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: Math.floor(MAX_MINOR / 3), max: MAX_MINOR }) },
);
const index = fc.nat(9);

const captureStep = fc.record({
  kind: fc.constant('capture'),
  group: fc.nat(1),
  price: fc.option(price, { freq: 5 }),
  quantity: fc.integer({ min: 1, max: 4 }),
});
const startIssueStep = fc.record({ kind: fc.constant('startIssue'), draft: index, due: fc.nat(2) });
/** Mostly a fresh number; sometimes the invoice's own again, as a retry sends it. */
const numberStep = fc.record({ kind: fc.constant('numberInvoice'), invoice: index, again: fc.nat(3).map((n) => n === 0) });

const step = fc.oneof(
  { weight: 5, arbitrary: captureStep },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('price'), charge: index, price }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('voidCharge'), charge: index }) },
  { weight: 3, arbitrary: startIssueStep },
  { weight: 3, arbitrary: numberStep },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('voidInvoice'), invoice: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('adjust'), invoice: index, debit: fc.boolean(), amount: amountSpec }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('pay'),
      amount: amountSpec,
      allocations: fc.option(fc.array(fc.record({ invoice: index, amount: amountSpec }), { minLength: 1, maxLength: 3 })),
      method: fc.constantFrom<'cash' | 'card' | 'insurance'>('cash', 'card', 'insurance'),
      inEuros: fc.nat(19).map((n) => n === 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payAgain'), payment: index, same: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('payOnline'), amount: amountSpec }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('confirmPayment'), payment: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('declinePayment'), payment: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('applyCredit'), invoice: index, amount: fc.option(amountSpec) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund'), payment: index, amount: amountSpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverseRefund'), refund: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('writeOff'), invoice: index, amount: amountSpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverseWriteOff'), writeOff: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('submitClaim'), invoice: index, claim: fc.option(index, { freq: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('decideClaim'), claim: index, accept: fc.nat(3).map((n) => n > 0) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('adjudicate'),
      claim: index,
      line: index,
      paidPct: fc.integer({ min: 0, max: 110 }),
      deniedTo: fc.constantFrom<'patient' | 'write-off'>('patient', 'write-off'),
    }),
  },
);
export type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A few charges and invoices to begin with, then anything: most steps then find something to act on. */
export const steps: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(fc.oneof(captureStep, captureStep, startIssueStep, numberStep), { minLength: 2, maxLength: 8, size: 'max' }),
    fc.array(step, { minLength: 5, maxLength: 40, size: 'max' }),
  )
  .map(([start, rest]) => [...start, ...rest]);

const pick = <T>(xs: readonly T[], i: number): T | undefined => xs[i % Math.max(xs.length, 1)];
const DUE = ['2026-03-15', '2026-04-01', '2026-04-15'] as IsoDate[];
const billed = (inv: Invoice): number => inv.total.amount + inv.debits.amount - inv.credits.amount - inv.writtenOff.amount;

/** The command a step makes on `s`; `fresh` names what the handler would name with a new id. */
export const commandOf = (x: Step, s: AccountState, fresh: (prefix: string) => string): C.AccountCommand => {
  const invoices = Object.values(s.invoices);
  const issued = invoices.filter((inv) => inv.status === 'issued');
  const issuing = invoices.filter((inv) => inv.status === 'issuing');
  // Mostly issued invoices, sometimes any (a draft, a voided one), to reach the refusals too.
  const invoiceAt = (i: number): Invoice | undefined => (i < 8 ? pick(issued, i) : pick(invoices, i));
  const invoiceIdAt = (i: number): string => invoiceAt(i)?.invoiceId ?? 'invoice-missing';
  const openAt = (i: number): number => {
    const inv = invoiceAt(i);
    return inv ? openBalance(inv).amount : 0;
  };
  const owed = issued.reduce((total, inv) => total + openBalance(inv).amount, 0);
  const paymentAt = (i: number) => s.payments[pick(s.paymentOrder, i) ?? ''];
  // Mostly payments waiting for confirmation, sometimes one received already.
  const pendingIdAt = (i: number): string => (i < 7 ? pick(Object.keys(s.pending), i) : pick(s.paymentOrder, i)) ?? 'payment-missing';
  const anyPaymentAt = (i: number) => pick([...s.paymentOrder.flatMap((id) => s.payments[id] ?? []), ...Object.values(s.pending)], i);
  const claimIdAt = (i: number): string => pick(Object.keys(s.claims), i) ?? 'claim-missing';
  switch (x.kind) {
    case 'capture':
      return capture(fresh('charge'), x.price ?? undefined, { group: `encounter-${x.group}`, quantity: x.quantity });
    case 'price':
      return priceCharge(pick(Object.keys(s.charges), x.charge) ?? 'charge-missing', usd(x.price));
    case 'voidCharge':
      return voidCharge(pick(Object.keys(s.charges), x.charge) ?? 'charge-missing');
    case 'startIssue': {
      // Mostly a draft; sometimes any invoice, to reach the retries and the refusals.
      const invoiceId = x.draft < 8 ? pick(Object.values(s.drafts), x.draft) : pick(invoices, x.draft)?.invoiceId;
      return startIssue(invoiceId ?? 'draft-missing', fresh('draft'), DUE[x.due]);
    }
    case 'numberInvoice': {
      // Mostly an invoice being issued; sometimes any, to reach the retries and the refusals.
      const inv = (x.invoice < 8 ? pick(issuing, x.invoice) : undefined) ?? pick(invoices, x.invoice);
      return numberInvoice(inv?.invoiceId ?? 'invoice-missing', x.again && inv?.number ? inv.number : fresh('2026'));
    }
    case 'voidInvoice':
      return voidInvoice(invoiceIdAt(x.invoice), fresh('draft'));
    case 'adjust': {
      const inv = invoiceAt(x.invoice);
      const base = inv ? (x.debit ? inv.total.amount : billed(inv)) : 0;
      const amount = usd(amountOf(x.amount, base));
      return x.debit
        ? debit(fresh('adjustment'), amount, invoiceIdAt(x.invoice))
        : creditNote(fresh('adjustment'), amount, invoiceIdAt(x.invoice));
    }
    case 'pay': {
      const amount = amountOf(x.amount, owed);
      const allocations = x.allocations?.map((a) => [invoiceIdAt(a.invoice), usd(amountOf(a.amount, openAt(a.invoice)))] as const);
      return pay(fresh('payment'), x.inEuros && s.currency ? eur(amount) : usd(amount), allocations, x.method);
    }
    case 'payAgain': {
      const p = anyPaymentAt(x.payment);
      if (!p) return pay('payment-missing', usd(100));
      return pay(p.paymentId, x.same ? p.amount : usd(p.amount.amount + 1), undefined, p.method);
    }
    case 'payOnline':
      return payOnline(fresh('payment'), usd(amountOf(x.amount, owed)));
    case 'confirmPayment':
      return confirmPayment(pendingIdAt(x.payment));
    case 'declinePayment':
      return declinePayment(pendingIdAt(x.payment));
    case 'applyCredit':
      return applyCredit(invoiceIdAt(x.invoice), x.amount ? usd(amountOf(x.amount, openAt(x.invoice))) : undefined);
    case 'refund': {
      const p = paymentAt(x.payment);
      const refundable = p ? p.amount.amount - p.refunded.amount : 0;
      return refund(fresh('refund'), p?.paymentId ?? 'payment-missing', usd(amountOf(x.amount, refundable)));
    }
    case 'reverseRefund':
      return reverseRefund(pick(Object.keys(s.refunds), x.refund) ?? 'refund-missing');
    case 'writeOff':
      return writeOff(fresh('write-off'), usd(amountOf(x.amount, openAt(x.invoice))), invoiceIdAt(x.invoice));
    case 'reverseWriteOff':
      return reverseWriteOff(pick(Object.keys(s.writeOffs), x.writeOff) ?? 'write-off-missing');
    case 'submitClaim':
      return x.claim === null
        ? submitClaim(fresh('claim'), invoiceIdAt(x.invoice))
        : resubmitClaim(claimIdAt(x.claim), invoiceIdAt(x.invoice));
    case 'decideClaim':
      return x.accept ? acceptClaim(claimIdAt(x.claim)) : rejectClaim(claimIdAt(x.claim));
    case 'adjudicate': {
      const claim = s.claims[claimIdAt(x.claim)];
      const line = claim ? pick(claim.lines, x.line) : undefined;
      const paid = line ? Math.floor((line.amount.amount * x.paidPct) / 100) : 0;
      return adjudicate(line?.chargeId ?? 'charge-missing', usd(paid), x.deniedTo, claim?.claimId ?? 'claim-missing');
    }
  }
};
