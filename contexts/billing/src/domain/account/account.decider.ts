import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import {
  compareMoney,
  conflict,
  invariantViolated,
  isPositive,
  lessOf,
  minus,
  notFound,
  plus,
  sameMoney,
  sum,
  times,
  zero,
  type Decider,
  type IsoDate,
  type IsoDateTime,
  type Money,
} from '@hcms/shared-kernel';
import type * as C from './account.commands.js';
import type { AccountError } from './account.errors.js';
import type { AccountEvent } from './account.events.js';
import { autoAllocate, creditSources, paidOnInvoiceLatestFirst, takeInOrder, toPaymentShares } from './account.allocation.js';
import {
  creditBalance,
  evolve,
  initialState,
  openBalance,
  type AccountState,
  type Charge,
  type Claim,
  type Invoice,
} from './account.state.js';

type Decision = E.Either<AccountError, readonly AccountEvent[]>;
const emit = (...events: AccountEvent[]): Decision => E.right(events);
const refuse = (error: AccountError): Decision => E.left(error);

const stamp = (cmd: { actorId: string; at: IsoDateTime }) => ({ by: cmd.actorId, at: cmd.at });
const dated = (cmd: { actorId: string; at: IsoDateTime; on: IsoDate }) => ({ on: cmd.on, by: cmd.actorId, at: cmd.at });

/** An account keeps one currency; every amount of a command must be in it. */
const currencyProblem = (s: AccountState, field: string, m: Money | undefined): AccountError | undefined =>
  m && s.currency && m.currency !== s.currency
    ? invariantViolated('CURRENCY_MISMATCH', `amounts on this account are in ${s.currency}`, {
        problems: [{ path: `body.${field}.currency`, rule: `must be ${s.currency}` }],
      })
    : undefined;

const positive = (field: string, m: Money): AccountError | undefined =>
  isPositive(m)
    ? undefined
    : invariantViolated('AMOUNT_NOT_POSITIVE', 'the amount must be more than 0', {
        problems: [{ path: `body.${field}.amount`, rule: 'must be more than 0' }],
      });

const quantityProblem = (quantity: number): AccountError | undefined =>
  Number.isSafeInteger(quantity) && quantity >= 1
    ? undefined
    : invariantViolated('AMOUNT_NOT_POSITIVE', 'a charge is for a whole number of services, 1 or more', {
        problems: [{ path: 'body.quantity', rule: 'must be a whole number, 1 or more' }],
      });

const issuedInvoice = (s: AccountState, invoiceId: string): E.Either<AccountError, Invoice> => {
  const inv = s.invoices[invoiceId];
  if (!inv) return E.left(notFound('INVOICE_NOT_FOUND', 'no such invoice on this account', { details: { invoiceId } }));
  if (inv.status !== 'issued')
    return E.left(
      invariantViolated('INVOICE_NOT_ISSUED', `the invoice is ${inv.status}: only an issued invoice takes this`, {
        details: { invoiceId },
      }),
    );
  return E.right(inv);
};

const exceedsOpen = (field: string, open: Money): AccountError =>
  invariantViolated('EXCEEDS_OPEN_BALANCE', 'the amount is more than the invoice still owes', {
    problems: [{ path: `body.${field}`, rule: `must be at most ${open.amount} (the open balance, in minor units)` }],
  });

const capture = (cmd: C.CaptureCharge, s: AccountState): Decision => {
  // One source line is charged once: a redelivered or replayed event finds its charge there.
  if (s.charges[cmd.chargeId]) return emit();
  // A new account takes the charge's currency: its price must be in it too.
  const problem =
    currencyProblem(s, 'unitPrice', { amount: 0, currency: cmd.currency }) ??
    currencyProblem({ ...s, currency: s.currency ?? cmd.currency }, 'unitPrice', cmd.unitPrice) ??
    quantityProblem(cmd.quantity);
  if (problem) return refuse(problem);
  const priced = cmd.unitPrice ? { unitPrice: cmd.unitPrice, amount: times(cmd.unitPrice, cmd.quantity) } : {};
  return emit({
    type: 'ChargeCaptured',
    data: {
      chargeId: cmd.chargeId,
      invoiceId: s.drafts[cmd.group] ?? cmd.draftId,
      group: cmd.group,
      currency: cmd.currency,
      source: cmd.source,
      code: cmd.code,
      description: cmd.description,
      serviceDate: cmd.serviceDate,
      quantity: cmd.quantity,
      ...priced,
      ...stamp(cmd),
    },
  });
};

const chargeOnDraft = (s: AccountState, chargeId: string): E.Either<AccountError, Charge> => {
  const charge = s.charges[chargeId];
  if (!charge) return E.left(notFound('CHARGE_NOT_FOUND', 'no such charge on this account', { details: { chargeId } }));
  if (charge.status === 'voided') return E.left(conflict('CHARGE_VOIDED', 'the charge was voided', { details: { chargeId } }));
  if (s.invoices[charge.invoiceId]?.status !== 'draft')
    return E.left(
      conflict('CHARGE_INVOICED', 'the charge is on an issued invoice: correct it with a credit note', { details: { chargeId } }),
    );
  return E.right(charge);
};

const price = (cmd: C.PriceCharge, s: AccountState): Decision => {
  const charge = chargeOnDraft(s, cmd.chargeId);
  if (E.isLeft(charge)) return charge;
  const problem = currencyProblem(s, 'unitPrice', cmd.unitPrice) ?? positive('unitPrice', cmd.unitPrice);
  if (problem) return refuse(problem);
  if (charge.right.unitPrice)
    return sameMoney(charge.right.unitPrice, cmd.unitPrice)
      ? emit()
      : refuse(
          conflict('CHARGE_PRICED', 'the charge already has a price: void it and charge again', { details: { chargeId: cmd.chargeId } }),
        );
  const amount = times(cmd.unitPrice, charge.right.quantity);
  return emit({ type: 'ChargePriced', data: { chargeId: cmd.chargeId, unitPrice: cmd.unitPrice, amount, ...stamp(cmd) } });
};

const voidCharge = (cmd: C.VoidCharge, s: AccountState): Decision => {
  if (s.charges[cmd.chargeId]?.status === 'voided') return emit();
  const charge = chargeOnDraft(s, cmd.chargeId);
  if (E.isLeft(charge)) return charge;
  return emit({ type: 'ChargeVoided', data: { chargeId: cmd.chargeId, reason: cmd.reason, ...stamp(cmd) } });
};

const issue = (cmd: C.IssueInvoice, s: AccountState): Decision => {
  const inv = s.invoices[cmd.invoiceId];
  if (!inv) return refuse(notFound('INVOICE_NOT_FOUND', 'no such invoice on this account', { details: { invoiceId: cmd.invoiceId } }));
  // Issued under this number already: a retry, or the register's completion of an interrupted issue.
  if (inv.status === 'issued' && inv.number === cmd.number) return emit();
  if (inv.status !== 'draft')
    return refuse(
      conflict('INVOICE_NOT_DRAFT', `the invoice is ${inv.status}: only a draft is issued`, { details: { invoiceId: cmd.invoiceId } }),
    );
  const lines = inv.chargeIds.flatMap((id) => {
    const c = s.charges[id];
    return c && c.status === 'open' && c.amount ? [c] : [];
  });
  if (lines.length === 0)
    return refuse(
      invariantViolated('NOTHING_TO_INVOICE', 'the draft has no priced charge to invoice', { details: { invoiceId: cmd.invoiceId } }),
    );
  const [first, ...rest] = lines.map((c) => c.amount as Money);
  const total = rest.reduce(plus, first as Money);
  return emit({
    type: 'InvoiceIssued',
    data: {
      invoiceId: cmd.invoiceId,
      number: cmd.number,
      issuedOn: cmd.on,
      dueOn: cmd.dueOn,
      chargeIds: lines.map((c) => c.chargeId),
      total,
      nextDraftId: cmd.nextDraftId,
      ...stamp(cmd),
    },
  });
};

const activeClaim = (s: AccountState, inv: Invoice): boolean => inv.claimIds.some((id) => s.claims[id]?.status !== 'rejected');

const voidInvoice = (cmd: C.VoidInvoice, s: AccountState): Decision => {
  if (s.invoices[cmd.invoiceId]?.status === 'voided') return emit();
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  if (isPositive(inv.right.paid) || isPositive(inv.right.writtenOff))
    return refuse(
      conflict('INVOICE_HAS_PAYMENTS', 'money was paid or written off on this invoice: correct it with a credit note instead', {
        details: { invoiceId: cmd.invoiceId },
      }),
    );
  if (activeClaim(s, inv.right))
    return refuse(conflict('INVOICE_CLAIMED', 'a claim on this invoice is with a payer', { details: { invoiceId: cmd.invoiceId } }));
  const redraftedAs = s.drafts[inv.right.group] ?? cmd.redraftId;
  return emit({ type: 'InvoiceVoided', data: { invoiceId: cmd.invoiceId, reason: cmd.reason, redraftedAs, ...dated(cmd) } });
};

const adjust = (cmd: C.AdjustInvoice, s: AccountState): Decision => {
  if (s.adjustments[cmd.adjustmentId]) return emit();
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  const problem = currencyProblem(s, 'amount', cmd.amount) ?? positive('amount', cmd.amount);
  if (problem) return refuse(problem);
  const base = { adjustmentId: cmd.adjustmentId, invoiceId: cmd.invoiceId, kind: cmd.kind, amount: cmd.amount, reason: cmd.reason };
  if (cmd.kind === 'debit') return emit({ type: 'InvoiceAdjusted', data: { ...base, released: [], ...dated(cmd) } });
  // A credit note takes back what was billed and not written off, never more.
  const billed = minus(minus(plus(inv.right.total, inv.right.debits), inv.right.credits), inv.right.writtenOff);
  if (compareMoney(cmd.amount, billed) > 0)
    return refuse(
      invariantViolated('EXCEEDS_INVOICE_TOTAL', 'a credit note cannot take back more than the invoice bills', {
        problems: [{ path: 'body.amount', rule: `must be at most ${billed.amount} (what the invoice bills, in minor units)` }],
      }),
    );
  const open = openBalance(inv.right);
  const excess = compareMoney(cmd.amount, open) > 0 ? minus(cmd.amount, open) : zero(cmd.amount.currency);
  const { shares } = takeInOrder(excess, paidOnInvoiceLatestFirst(s, cmd.invoiceId));
  return emit({ type: 'InvoiceAdjusted', data: { ...base, released: toPaymentShares(shares), ...dated(cmd) } });
};

const explicitAllocations = (cmd: C.ReceivePayment, s: AccountState, allocations: NonNullable<C.ReceivePayment['allocations']>) => {
  const merged = new Map<string, Money>();
  for (const [i, a] of allocations.entries()) {
    const inv = issuedInvoice(s, a.invoiceId);
    if (E.isLeft(inv)) return inv;
    const problem = currencyProblem(s, `allocations.${i}.amount`, a.amount) ?? positive(`allocations.${i}.amount`, a.amount);
    if (problem) return E.left(problem);
    const total = plus(merged.get(a.invoiceId) ?? zero(a.amount.currency), a.amount);
    if (compareMoney(total, openBalance(inv.right)) > 0) return E.left(exceedsOpen(`allocations.${i}.amount`, openBalance(inv.right)));
    merged.set(a.invoiceId, total);
  }
  const allocated = sum(cmd.amount.currency, [...merged.values()]);
  if (compareMoney(allocated, cmd.amount) > 0)
    return E.left(
      invariantViolated('ALLOCATIONS_EXCEED_PAYMENT', 'the allocations add up to more than the payment', {
        problems: [{ path: 'body.allocations', rule: `must add up to at most ${cmd.amount.amount}` }],
      }),
    );
  return E.right({ allocations: [...merged].map(([invoiceId, amount]) => ({ invoiceId, amount })), credit: minus(cmd.amount, allocated) });
};

const receive = (cmd: C.ReceivePayment, s: AccountState): Decision => {
  const existing = s.payments[cmd.paymentId];
  // The same idempotency key names the same payment: the original stands, another amount is a mistake.
  if (existing)
    return sameMoney(existing.amount, cmd.amount) && existing.method === cmd.method
      ? emit()
      : refuse(
          conflict('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a payment of another amount or method', {
            details: { paymentId: cmd.paymentId },
          }),
        );
  const problem = currencyProblem(s, 'amount', cmd.amount) ?? positive('amount', cmd.amount);
  if (problem) return refuse(problem);
  const split = cmd.allocations ? explicitAllocations(cmd, s, cmd.allocations) : E.right(autoAllocate(s, cmd.amount));
  if (E.isLeft(split)) return split;
  return emit({
    type: 'PaymentReceived',
    data: {
      paymentId: cmd.paymentId,
      method: cmd.method,
      amount: cmd.amount,
      allocations: split.right.allocations,
      credit: split.right.credit,
      ...(cmd.reference === undefined ? {} : { reference: cmd.reference }),
      ...(cmd.idempotencyKey === undefined ? {} : { idempotencyKey: cmd.idempotencyKey }),
      ...dated(cmd),
    },
  });
};

const applyCredit = (cmd: C.ApplyCredit, s: AccountState): Decision => {
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  const open = openBalance(inv.right);
  const available = creditBalance(s);
  if (cmd.amount) {
    const problem = currencyProblem(s, 'amount', cmd.amount) ?? positive('amount', cmd.amount);
    if (problem) return refuse(problem);
    if (compareMoney(cmd.amount, open) > 0) return refuse(exceedsOpen('amount', open));
    if (compareMoney(cmd.amount, available) > 0)
      return refuse(
        invariantViolated('NO_CREDIT', 'the account has less credit than that', {
          problems: [{ path: 'body.amount', rule: `must be at most ${available.amount} (the credit, in minor units)` }],
        }),
      );
  }
  if (!isPositive(open)) return refuse(conflict('INVOICE_PAID', 'the invoice owes nothing', { details: { invoiceId: cmd.invoiceId } }));
  if (!isPositive(available)) return refuse(invariantViolated('NO_CREDIT', 'the account has no credit', {}));
  const want = cmd.amount ?? lessOf(open, available);
  const { shares } = takeInOrder(want, creditSources(s));
  return emit({ type: 'CreditApplied', data: { invoiceId: cmd.invoiceId, from: toPaymentShares(shares), ...dated(cmd) } });
};

const refund = (cmd: C.IssueRefund, s: AccountState): Decision => {
  const earlier = s.refunds[cmd.refundId];
  if (earlier)
    return earlier.paymentId === cmd.paymentId && sameMoney(earlier.amount, cmd.amount)
      ? emit()
      : refuse(conflict('DUPLICATE_ID', 'a different refund has this id', { details: { refundId: cmd.refundId } }));
  const payment = s.payments[cmd.paymentId];
  if (!payment) return refuse(notFound('PAYMENT_NOT_FOUND', 'no such payment on this account', { details: { paymentId: cmd.paymentId } }));
  const problem = currencyProblem(s, 'amount', cmd.amount) ?? positive('amount', cmd.amount);
  if (problem) return refuse(problem);
  const refundable = minus(payment.amount, payment.refunded);
  if (compareMoney(cmd.amount, refundable) > 0)
    return refuse(
      invariantViolated('EXCEEDS_REFUNDABLE', 'a refund gives back at most what the payment brought, less earlier refunds', {
        problems: [{ path: 'body.amount', rule: `must be at most ${refundable.amount} (refundable, in minor units)` }],
      }),
    );
  const fromCredit = lessOf(cmd.amount, payment.credit);
  const rest = minus(cmd.amount, fromCredit);
  const latestFirst = [...payment.allocations].reverse().map((a) => ({ key: a.invoiceId, available: a.amount }));
  const { shares } = takeInOrder(rest, latestFirst);
  return emit({
    type: 'RefundIssued',
    data: {
      refundId: cmd.refundId,
      paymentId: cmd.paymentId,
      amount: cmd.amount,
      reason: cmd.reason,
      fromCredit,
      released: shares.map((x) => ({ invoiceId: x.key, amount: x.amount })),
      ...dated(cmd),
    },
  });
};

const reverseRefund = (cmd: C.ReverseRefund, s: AccountState): Decision => {
  const r = s.refunds[cmd.refundId];
  if (!r) return refuse(notFound('REFUND_NOT_FOUND', 'no such refund on this account', { details: { refundId: cmd.refundId } }));
  if (r.reversed) return emit();
  return emit({ type: 'RefundReversed', data: { refundId: cmd.refundId, reason: cmd.reason, ...dated(cmd) } });
};

const writeOff = (cmd: C.WriteOff, s: AccountState): Decision => {
  const earlier = s.writeOffs[cmd.writeOffId];
  if (earlier)
    return earlier.invoiceId === cmd.invoiceId && sameMoney(earlier.amount, cmd.amount)
      ? emit()
      : refuse(conflict('DUPLICATE_ID', 'a different write-off has this id', { details: { writeOffId: cmd.writeOffId } }));
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  const problem = currencyProblem(s, 'amount', cmd.amount) ?? positive('amount', cmd.amount);
  if (problem) return refuse(problem);
  const open = openBalance(inv.right);
  if (!isPositive(open))
    return refuse(
      conflict('INVOICE_PAID', 'the invoice owes nothing: there is nothing to write off', { details: { invoiceId: cmd.invoiceId } }),
    );
  if (compareMoney(cmd.amount, open) > 0) return refuse(exceedsOpen('amount', open));
  return emit({
    type: 'WrittenOff',
    data: {
      writeOffId: cmd.writeOffId,
      invoiceId: cmd.invoiceId,
      amount: cmd.amount,
      reasonCode: cmd.reasonCode,
      ...(cmd.note === undefined ? {} : { note: cmd.note }),
      ...dated(cmd),
    },
  });
};

const reverseWriteOff = (cmd: C.ReverseWriteOff, s: AccountState): Decision => {
  const w = s.writeOffs[cmd.writeOffId];
  if (!w) return refuse(notFound('WRITE_OFF_NOT_FOUND', 'no such write-off on this account', { details: { writeOffId: cmd.writeOffId } }));
  if (w.reversed) return emit();
  return emit({ type: 'WriteOffReversed', data: { writeOffId: cmd.writeOffId, reason: cmd.reason, ...dated(cmd) } });
};

const claimState = (claimId: string, status: string, wanted: string): AccountError =>
  conflict('CLAIM_STATE', `the claim is ${status}; this needs it ${wanted}`, { details: { claimId } });

const submitClaim = (cmd: C.SubmitClaim, s: AccountState): Decision => {
  const earlier = s.claims[cmd.claimId];
  if (earlier && earlier.status === 'submitted' && earlier.invoiceId === cmd.invoiceId) return emit();
  if (earlier && (earlier.status !== 'rejected' || earlier.invoiceId !== cmd.invoiceId))
    return refuse(claimState(cmd.claimId, earlier.status, 'rejected (a correction is submitted on the same invoice)'));
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  const chargeIds = cmd.chargeIds ?? inv.right.chargeIds;
  const lines: { chargeId: string; amount: Money }[] = [];
  for (const [i, chargeId] of chargeIds.entries()) {
    const amount = inv.right.chargeIds.includes(chargeId) ? s.charges[chargeId]?.amount : undefined;
    if (!amount)
      return refuse(
        invariantViolated('CLAIM_LINE_NOT_FOUND', 'a claimed charge is not a line of the invoice', {
          problems: [{ path: `body.chargeIds.${i}`, rule: 'must be a charge of the invoice' }],
        }),
      );
    lines.push({ chargeId, amount });
  }
  return emit({
    type: 'ClaimSubmitted',
    data: {
      claimId: cmd.claimId,
      invoiceId: cmd.invoiceId,
      payer: cmd.payer,
      lines,
      submission: (earlier?.submission ?? 0) + 1,
      ...dated(cmd),
    },
  });
};

const claimIn = (s: AccountState, claimId: string, status: 'submitted' | 'accepted'): E.Either<AccountError, Claim> => {
  const claim = s.claims[claimId];
  if (!claim) return E.left(notFound('CLAIM_NOT_FOUND', 'no such claim on this account', { details: { claimId } }));
  if (claim.status !== status) return E.left(claimState(claimId, claim.status, status));
  return E.right(claim);
};

const acceptClaim = (cmd: C.AcceptClaim, s: AccountState): Decision => {
  if (s.claims[cmd.claimId]?.status === 'accepted') return emit();
  const claim = claimIn(s, cmd.claimId, 'submitted');
  return E.isLeft(claim) ? claim : emit({ type: 'ClaimAccepted', data: { claimId: cmd.claimId, ...dated(cmd) } });
};

const rejectClaim = (cmd: C.RejectClaim, s: AccountState): Decision => {
  if (s.claims[cmd.claimId]?.status === 'rejected') return emit();
  const claim = claimIn(s, cmd.claimId, 'submitted');
  return E.isLeft(claim) ? claim : emit({ type: 'ClaimRejected', data: { claimId: cmd.claimId, reason: cmd.reason, ...dated(cmd) } });
};

/** The payer's answer on one line: its payment, and its denial made the patient's or written off. */
const adjudicate = (cmd: C.AdjudicateClaimLine, s: AccountState): Decision => {
  const claim = claimIn(s, cmd.claimId, 'accepted');
  if (E.isLeft(claim)) return claim;
  const line = claim.right.lines.find((l) => l.chargeId === cmd.chargeId);
  if (!line) return refuse(notFound('CLAIM_LINE_NOT_FOUND', 'no such line on this claim', { details: { chargeId: cmd.chargeId } }));
  if (line.adjudicated)
    return refuse(conflict('CLAIM_LINE_ADJUDICATED', 'this line was adjudicated already', { details: { chargeId: cmd.chargeId } }));
  const problem = currencyProblem(s, 'paid', cmd.paid);
  if (problem) return refuse(problem);
  if (compareMoney(cmd.paid, line.amount) > 0)
    return refuse(
      invariantViolated('EXCEEDS_CLAIM_LINE', 'the payer cannot pay more than the line claims', {
        problems: [{ path: 'body.paid.amount', rule: `must be at most ${line.amount.amount}` }],
      }),
    );
  const denied = minus(line.amount, cmd.paid);
  const outcome = !isPositive(cmd.paid) ? 'denied' : isPositive(denied) ? 'partially-paid' : 'paid';
  const events: AccountEvent[] = [
    {
      type: 'ClaimLineAdjudicated',
      data: { claimId: cmd.claimId, chargeId: cmd.chargeId, outcome, paid: cmd.paid, denied, deniedTo: cmd.deniedTo, ...dated(cmd) },
    },
  ];
  const inv = s.invoices[claim.right.invoiceId] as Invoice;
  let open = openBalance(inv);
  if (isPositive(cmd.paid)) {
    const allocated = lessOf(cmd.paid, open);
    events.push({
      type: 'PaymentReceived',
      data: {
        paymentId: cmd.paymentId,
        method: 'insurance',
        amount: cmd.paid,
        allocations: isPositive(allocated) ? [{ invoiceId: inv.invoiceId, amount: allocated }] : [],
        credit: minus(cmd.paid, allocated),
        claimId: cmd.claimId,
        ...dated(cmd),
      },
    });
    open = minus(open, allocated);
  }
  const writtenOff = lessOf(denied, open);
  if (cmd.deniedTo === 'write-off' && isPositive(writtenOff))
    events.push({
      type: 'WrittenOff',
      data: {
        writeOffId: cmd.writeOffId,
        invoiceId: inv.invoiceId,
        amount: writtenOff,
        reasonCode: 'insurance-denied',
        claimId: cmd.claimId,
        ...dated(cmd),
      },
    });
  return emit(...events);
};

export const decide = (cmd: C.AccountCommand, s: AccountState): Decision => {
  switch (cmd.type) {
    case 'CaptureCharge':
      return capture(cmd, s);
    case 'PriceCharge':
      return price(cmd, s);
    case 'VoidCharge':
      return voidCharge(cmd, s);
    case 'IssueInvoice':
      return issue(cmd, s);
    case 'VoidInvoice':
      return voidInvoice(cmd, s);
    case 'AdjustInvoice':
      return adjust(cmd, s);
    case 'ReceivePayment':
      return receive(cmd, s);
    case 'ApplyCredit':
      return applyCredit(cmd, s);
    case 'IssueRefund':
      return refund(cmd, s);
    case 'ReverseRefund':
      return reverseRefund(cmd, s);
    case 'WriteOff':
      return writeOff(cmd, s);
    case 'ReverseWriteOff':
      return reverseWriteOff(cmd, s);
    case 'SubmitClaim':
      return submitClaim(cmd, s);
    case 'AcceptClaim':
      return acceptClaim(cmd, s);
    case 'RejectClaim':
      return rejectClaim(cmd, s);
    case 'AdjudicateClaimLine':
      return adjudicate(cmd, s);
    default:
      return absurd(cmd);
  }
};

/** One patient's account, stream `billingAccount-<patientId>`. */
export const accountDecider: Decider<C.AccountCommand, AccountEvent, AccountState, AccountError> = { initialState, decide, evolve };
