import { absurd } from 'fp-ts/lib/function.js';
import { minus, plus, zero, type Money } from '@hcms/shared-kernel';
import type { AccountEvent } from './account.events.js';
import type { ChargeSource, InvoiceShare, Payer, PaymentMethod, PaymentShare } from './billing.values.js';

export interface Charge {
  readonly chargeId: string;
  readonly invoiceId: string;
  readonly group: string;
  readonly source: ChargeSource;
  readonly code: string;
  readonly description: string;
  readonly serviceDate: string;
  readonly quantity: number;
  readonly unitPrice?: Money;
  readonly amount?: Money;
  readonly status: 'open' | 'voided';
}

export interface Invoice {
  readonly invoiceId: string;
  readonly group: string;
  /** `issuing`: frozen and dated, waiting for its number (a moment, or until a crash is recovered). */
  readonly status: 'draft' | 'issuing' | 'issued' | 'voided';
  readonly number?: string;
  readonly issuedOn?: string;
  readonly dueOn?: string;
  /** A draft's gathered charges; an issued invoice's frozen lines. */
  readonly chargeIds: readonly string[];
  /** A draft's priced charges; an issued invoice's total as issued. */
  readonly total: Money;
  readonly credits: Money;
  readonly debits: Money;
  /** Payments and credit allocated to it, net of what was released. */
  readonly paid: Money;
  readonly writtenOff: Money;
  readonly claimIds: readonly string[];
}

export interface Payment {
  readonly paymentId: string;
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly idempotencyKey?: string;
  /** Net amount on each invoice, in the order they were first paid. */
  readonly allocations: readonly InvoiceShare[];
  /** Unallocated: the account's credit, as far as this payment goes. */
  readonly credit: Money;
  readonly refunded: Money;
}

export interface Refund {
  readonly refundId: string;
  readonly paymentId: string;
  readonly amount: Money;
  readonly reversed: boolean;
}

export interface WriteOffRecord {
  readonly writeOffId: string;
  readonly invoiceId: string;
  readonly amount: Money;
  readonly reversed: boolean;
}

export interface Claim {
  readonly claimId: string;
  readonly invoiceId: string;
  readonly status: 'submitted' | 'accepted' | 'rejected' | 'adjudicated';
  readonly payer: Payer;
  readonly submission: number;
  readonly lines: readonly { readonly chargeId: string; readonly amount: Money; readonly adjudicated: boolean }[];
}

export interface Adjustment {
  readonly invoiceId: string;
  readonly kind: 'credit' | 'debit';
  readonly amount: Money;
}

export interface PendingPayment {
  readonly paymentId: string;
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly idempotencyKey?: string;
  readonly reference?: string;
  /** The processor did not settle it: it stays named (a retry under its key finds it) and never counts. */
  readonly declined?: true;
}

/** One patient's account, stream `billingAccount-<patientId>`: every charge, invoice and movement of money. */
export interface AccountState {
  /** Fixed by the first amount recorded. */
  readonly currency?: string;
  readonly charges: Readonly<Record<string, Charge>>;
  readonly invoices: Readonly<Record<string, Invoice>>;
  /** The open draft of each group (an encounter's, or the account's own). */
  readonly drafts: Readonly<Record<string, string>>;
  readonly payments: Readonly<Record<string, Payment>>;
  /** Payments in the order received: credit is used oldest first. */
  readonly paymentOrder: readonly string[];
  readonly refunds: Readonly<Record<string, Refund>>;
  readonly writeOffs: Readonly<Record<string, WriteOffRecord>>;
  readonly adjustments: Readonly<Record<string, Adjustment>>;
  /** Each application of credit, by its id: the invoice it paid. */
  readonly creditApplications: Readonly<Record<string, string>>;
  /** Patients' card payments waiting for billing to confirm the processor settled them. */
  readonly pending: Readonly<Record<string, PendingPayment>>;
  readonly claims: Readonly<Record<string, Claim>>;
}

export const initialState: AccountState = {
  charges: {},
  invoices: {},
  drafts: {},
  payments: {},
  paymentOrder: [],
  refunds: {},
  writeOffs: {},
  adjustments: {},
  creditApplications: {},
  pending: {},
  claims: {},
};

/** What is still owed on an issued invoice. Never negative: the decider keeps it so. */
export const openBalance = (inv: Invoice): Money => minus(minus(minus(plus(inv.total, inv.debits), inv.credits), inv.paid), inv.writtenOff);

export type InvoiceStatus = 'draft' | 'issuing' | 'issued' | 'partially-paid' | 'paid' | 'voided';
export const invoiceStatus = (inv: Invoice): InvoiceStatus => {
  if (inv.status !== 'issued') return inv.status;
  if (openBalance(inv).amount === 0) return 'paid';
  return inv.paid.amount > 0 || inv.writtenOff.amount > 0 || inv.credits.amount > 0 ? 'partially-paid' : 'issued';
};

/** Money received and neither allocated nor refunded: the account's to use or give back. */
export const creditBalance = (s: AccountState): Money =>
  s.paymentOrder.reduce(
    (total, id) => {
      const credit = s.payments[id]?.credit;
      return credit ? plus(total, credit) : total;
    },
    zero(s.currency ?? 'USD'),
  );

const emptyInvoice = (invoiceId: string, group: string, currency: string): Invoice => ({
  invoiceId,
  group,
  status: 'draft',
  chargeIds: [],
  total: zero(currency),
  credits: zero(currency),
  debits: zero(currency),
  paid: zero(currency),
  writtenOff: zero(currency),
  claimIds: [],
});

const withInvoice = (s: AccountState, invoiceId: string, f: (inv: Invoice) => Invoice): AccountState => {
  const inv = s.invoices[invoiceId];
  return inv ? { ...s, invoices: { ...s.invoices, [invoiceId]: f(inv) } } : s;
};
const withPayment = (s: AccountState, paymentId: string, f: (p: Payment) => Payment): AccountState => {
  const p = s.payments[paymentId];
  return p ? { ...s, payments: { ...s.payments, [paymentId]: f(p) } } : s;
};
const withCharge = (s: AccountState, chargeId: string, f: (c: Charge) => Charge): AccountState => {
  const c = s.charges[chargeId];
  return c ? { ...s, charges: { ...s.charges, [chargeId]: f(c) } } : s;
};

/** Adds (or, negative, removes) an amount to a payment's share of an invoice. */
const shareOf = (allocations: readonly InvoiceShare[], invoiceId: string, delta: Money, add: boolean): InvoiceShare[] => {
  const found = allocations.some((a) => a.invoiceId === invoiceId);
  const next = found
    ? allocations.map((a) => (a.invoiceId === invoiceId ? { invoiceId, amount: add ? plus(a.amount, delta) : minus(a.amount, delta) } : a))
    : [...allocations, { invoiceId, amount: delta }];
  return next.filter((a) => a.amount.amount > 0);
};

const allocate = (s: AccountState, paymentId: string, share: InvoiceShare, fromCredit: boolean): AccountState =>
  withInvoice(
    withPayment(s, paymentId, (p) => ({
      ...p,
      allocations: shareOf(p.allocations, share.invoiceId, share.amount, true),
      credit: fromCredit ? minus(p.credit, share.amount) : p.credit,
    })),
    share.invoiceId,
    (inv) => ({ ...inv, paid: plus(inv.paid, share.amount) }),
  );

/** Paid money leaves an invoice back to its payment: as credit, or (refunded) out of the account. */
const release = (s: AccountState, paymentId: string, share: InvoiceShare, toCredit: boolean): AccountState =>
  withInvoice(
    withPayment(s, paymentId, (p) => ({
      ...p,
      allocations: shareOf(p.allocations, share.invoiceId, share.amount, false),
      credit: toCredit ? plus(p.credit, share.amount) : p.credit,
    })),
    share.invoiceId,
    (inv) => ({ ...inv, paid: minus(inv.paid, share.amount) }),
  );

const moveCharges = (s: AccountState, chargeIds: readonly string[], toInvoiceId: string, group: string, currency: string): AccountState => {
  if (chargeIds.length === 0) return s;
  const target = s.invoices[toInvoiceId] ?? emptyInvoice(toInvoiceId, group, currency);
  const moved = chargeIds.map((id) => s.charges[id]).filter((c): c is Charge => c !== undefined);
  const total = moved.reduce((t, c) => (c.amount && c.status === 'open' ? plus(t, c.amount) : t), target.total);
  const charges = { ...s.charges };
  for (const c of moved) charges[c.chargeId] = { ...c, invoiceId: toInvoiceId };
  return {
    ...s,
    charges,
    invoices: { ...s.invoices, [toInvoiceId]: { ...target, chargeIds: [...target.chargeIds, ...chargeIds], total } },
    drafts: { ...s.drafts, [group]: toInvoiceId },
  };
};

const currencyOf = (s: AccountState, m: Money | undefined): AccountState => (s.currency || !m ? s : { ...s, currency: m.currency });

export const evolve = (s: AccountState, event: AccountEvent): AccountState => {
  switch (event.type) {
    case 'ChargeCaptured': {
      const e = event.data;
      const base = s.currency ? s : { ...s, currency: e.currency };
      const charge: Charge = {
        chargeId: e.chargeId,
        invoiceId: e.invoiceId,
        group: e.group,
        source: e.source,
        code: e.code,
        description: e.description,
        serviceDate: e.serviceDate,
        quantity: e.quantity,
        ...(e.unitPrice ? { unitPrice: e.unitPrice } : {}),
        ...(e.amount ? { amount: e.amount } : {}),
        status: 'open',
      };
      return moveCharges({ ...base, charges: { ...base.charges, [e.chargeId]: charge } }, [e.chargeId], e.invoiceId, e.group, e.currency);
    }
    case 'ChargePriced': {
      const e = event.data;
      const base = s;
      const charge = base.charges[e.chargeId];
      if (!charge) return base;
      const priced = withCharge(base, e.chargeId, (c) => ({ ...c, unitPrice: e.unitPrice, amount: e.amount }));
      return withInvoice(priced, charge.invoiceId, (inv) => (inv.status === 'draft' ? { ...inv, total: plus(inv.total, e.amount) } : inv));
    }
    case 'ChargeVoided': {
      const charge = s.charges[event.data.chargeId];
      if (!charge) return s;
      const voided = withCharge(s, charge.chargeId, (c) => ({ ...c, status: 'voided' }));
      return withInvoice(voided, charge.invoiceId, (inv) =>
        inv.status === 'draft' && charge.amount ? { ...inv, total: minus(inv.total, charge.amount) } : inv,
      );
    }
    case 'InvoiceIssueStarted': {
      const e = event.data;
      const inv = s.invoices[e.invoiceId];
      if (!inv) return s;
      const waiting = inv.chargeIds.filter((id) => !e.chargeIds.includes(id) && s.charges[id]?.status === 'open');
      const { [inv.group]: _closed, ...drafts } = s.drafts;
      const frozen: AccountState = {
        ...s,
        drafts,
        invoices: {
          ...s.invoices,
          [e.invoiceId]: { ...inv, status: 'issuing', issuedOn: e.issuedOn, dueOn: e.dueOn, chargeIds: e.chargeIds, total: e.total },
        },
      };
      return moveCharges(frozen, waiting, e.nextDraftId, inv.group, e.total.currency);
    }
    case 'InvoiceIssued':
      return withInvoice(s, event.data.invoiceId, (inv) => ({ ...inv, status: 'issued', number: event.data.number }));
    case 'InvoiceVoided': {
      const e = event.data;
      const inv = s.invoices[e.invoiceId];
      if (!inv) return s;
      const voided = withInvoice(s, e.invoiceId, (i) => ({ ...i, status: 'voided' }));
      const back = inv.chargeIds.filter((id) => s.charges[id]?.status === 'open');
      return moveCharges(voided, back, e.redraftedAs, inv.group, inv.total.currency);
    }
    case 'InvoiceAdjusted': {
      const e = event.data;
      const adjustment = { invoiceId: e.invoiceId, kind: e.kind, amount: e.amount };
      const adjusted = withInvoice({ ...s, adjustments: { ...s.adjustments, [e.adjustmentId]: adjustment } }, e.invoiceId, (inv) =>
        e.kind === 'credit' ? { ...inv, credits: plus(inv.credits, e.amount) } : { ...inv, debits: plus(inv.debits, e.amount) },
      );
      return e.released.reduce((acc, r) => release(acc, r.paymentId, { invoiceId: e.invoiceId, amount: r.amount }, true), adjusted);
    }
    case 'PaymentPending': {
      const { paymentId, method, amount, idempotencyKey, reference } = event.data;
      const pending = {
        paymentId,
        method,
        amount,
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        ...(reference === undefined ? {} : { reference }),
      };
      return { ...currencyOf(s, amount), pending: { ...s.pending, [paymentId]: pending } };
    }
    case 'PaymentDeclined': {
      const declined = s.pending[event.data.paymentId];
      return declined ? { ...s, pending: { ...s.pending, [declined.paymentId]: { ...declined, declined: true } } } : s;
    }
    case 'PaymentReceived': {
      const e = event.data;
      const { [e.paymentId]: _settled, ...pending } = s.pending;
      const base = currencyOf(s, e.amount);
      const payment: Payment = {
        paymentId: e.paymentId,
        method: e.method,
        amount: e.amount,
        ...(e.idempotencyKey === undefined ? {} : { idempotencyKey: e.idempotencyKey }),
        allocations: [],
        credit: e.credit,
        refunded: zero(e.amount.currency),
      };
      const received: AccountState = {
        ...base,
        pending,
        payments: { ...base.payments, [e.paymentId]: payment },
        paymentOrder: [...base.paymentOrder, e.paymentId],
      };
      return e.allocations.reduce((acc, share) => allocate(acc, e.paymentId, share, false), received);
    }
    case 'CreditApplied': {
      const e = event.data;
      const applied = { ...s, creditApplications: { ...s.creditApplications, [e.applicationId]: e.invoiceId } };
      return e.from.reduce(
        (acc, f: PaymentShare) => allocate(acc, f.paymentId, { invoiceId: e.invoiceId, amount: f.amount }, true),
        applied,
      );
    }
    case 'RefundIssued': {
      const e = event.data;
      const refunded = withPayment(s, e.paymentId, (p) => ({
        ...p,
        refunded: plus(p.refunded, e.amount),
        credit: minus(p.credit, e.fromCredit),
      }));
      const released = e.released.reduce((acc, share) => release(acc, e.paymentId, share, false), refunded);
      return {
        ...released,
        refunds: { ...released.refunds, [e.refundId]: { refundId: e.refundId, paymentId: e.paymentId, amount: e.amount, reversed: false } },
      };
    }
    case 'RefundReversed': {
      const refund = s.refunds[event.data.refundId];
      if (!refund) return s;
      const back = withPayment(s, refund.paymentId, (p) => ({
        ...p,
        refunded: minus(p.refunded, refund.amount),
        credit: plus(p.credit, refund.amount),
      }));
      return { ...back, refunds: { ...back.refunds, [refund.refundId]: { ...refund, reversed: true } } };
    }
    case 'WrittenOff': {
      const e = event.data;
      const written = withInvoice(s, e.invoiceId, (inv) => ({ ...inv, writtenOff: plus(inv.writtenOff, e.amount) }));
      return {
        ...written,
        writeOffs: {
          ...written.writeOffs,
          [e.writeOffId]: { writeOffId: e.writeOffId, invoiceId: e.invoiceId, amount: e.amount, reversed: false },
        },
      };
    }
    case 'WriteOffReversed': {
      const w = s.writeOffs[event.data.writeOffId];
      if (!w) return s;
      const back = withInvoice(s, w.invoiceId, (inv) => ({ ...inv, writtenOff: minus(inv.writtenOff, w.amount) }));
      return { ...back, writeOffs: { ...back.writeOffs, [w.writeOffId]: { ...w, reversed: true } } };
    }
    case 'ClaimSubmitted': {
      const e = event.data;
      const claim: Claim = {
        claimId: e.claimId,
        invoiceId: e.invoiceId,
        status: 'submitted',
        payer: e.payer,
        submission: e.submission,
        lines: e.lines.map((l) => ({ ...l, adjudicated: false })),
      };
      const withClaim = { ...s, claims: { ...s.claims, [e.claimId]: claim } };
      return withInvoice(withClaim, e.invoiceId, (inv) =>
        inv.claimIds.includes(e.claimId) ? inv : { ...inv, claimIds: [...inv.claimIds, e.claimId] },
      );
    }
    case 'ClaimAccepted':
    case 'ClaimRejected': {
      const claim = s.claims[event.data.claimId];
      if (!claim) return s;
      const status = event.type === 'ClaimAccepted' ? 'accepted' : 'rejected';
      return { ...s, claims: { ...s.claims, [claim.claimId]: { ...claim, status } } };
    }
    case 'ClaimLineAdjudicated': {
      const claim = s.claims[event.data.claimId];
      if (!claim) return s;
      const lines = claim.lines.map((l) => (l.chargeId === event.data.chargeId ? { ...l, adjudicated: true } : l));
      const status = lines.every((l) => l.adjudicated) ? 'adjudicated' : claim.status;
      return { ...s, claims: { ...s.claims, [claim.claimId]: { ...claim, lines, status } } };
    }
    default:
      return absurd(event);
  }
};
