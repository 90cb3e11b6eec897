import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import {
  compareMoney,
  conflict,
  invariantViolated,
  isPositive,
  lessOf,
  MAX_MINOR,
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
  const earlier = s.charges[cmd.chargeId];
  if (earlier)
    return earlier.code === cmd.code && earlier.quantity === cmd.quantity
      ? emit()
      : refuse(conflict('DUPLICATE_ID', 'a different charge has this id', { details: { chargeId: cmd.chargeId } }));
  // A new account takes the charge's currency: its price must be in it too.
  const problem =
    currencyProblem(s, 'unitPrice', { amount: 0, currency: cmd.currency }) ??
    currencyProblem({ ...s, currency: s.currency ?? cmd.currency }, 'unitPrice', cmd.unitPrice) ??
    quantityProblem(cmd.quantity) ??
    (s.drafts[cmd.group] === undefined ? takenId(s, cmd.draftId) : undefined);
  if (problem) return refuse(problem);
  const priced = cmd.unitPrice ? { unitPrice: cmd.unitPrice, amount: times(cmd.unitPrice, cmd.quantity) } : {};
  const large = priced.amount && tooLarge('unitPrice.amount', priced.amount);
  if (large) return refuse(large);
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
  const large = tooLarge('unitPrice.amount', amount);
  if (large) return refuse(large);
  return emit({ type: 'ChargePriced', data: { chargeId: cmd.chargeId, unitPrice: cmd.unitPrice, amount, ...stamp(cmd) } });
};

const voidCharge = (cmd: C.VoidCharge, s: AccountState): Decision => {
  if (s.charges[cmd.chargeId]?.status === 'voided') return emit();
  const charge = chargeOnDraft(s, cmd.chargeId);
  if (E.isLeft(charge)) return charge;
  return emit({ type: 'ChargeVoided', data: { chargeId: cmd.chargeId, reason: cmd.reason, ...stamp(cmd) } });
};

/** `field`: the request's field the amount comes from; absent, a sum the request does not name (an invoice's total). */
const tooLarge = (field: string | undefined, m: Money): AccountError | undefined =>
  m.amount <= MAX_MINOR
    ? undefined
    : invariantViolated(
        'AMOUNT_TOO_LARGE',
        `the amount is larger than an account records (at most ${MAX_MINOR} minor units)`,
        field === undefined
          ? { details: { max: MAX_MINOR } }
          : { problems: [{ path: `body.${field}`, rule: `must come to at most ${MAX_MINOR} minor units` }] },
      );

/** A new draft's id must be new: the handlers derive them, so a clash is a defect, refused before it merges two invoices. */
const takenId = (s: AccountState, invoiceId: string): AccountError | undefined =>
  s.invoices[invoiceId] ? conflict('DUPLICATE_ID', 'an invoice already has this id', { details: { invoiceId } }) : undefined;

const startIssue = (cmd: C.StartIssue, s: AccountState): Decision => {
  const inv = s.invoices[cmd.invoiceId];
  if (!inv) return refuse(notFound('INVOICE_NOT_FOUND', 'no such invoice on this account', { details: { invoiceId: cmd.invoiceId } }));
  // Being issued, or issued: a retry, which the handler finishes.
  if (inv.status === 'issuing' || inv.status === 'issued') return emit();
  if (inv.status !== 'draft')
    return refuse(
      conflict('INVOICE_NOT_DRAFT', `the invoice is ${inv.status}: only a draft is issued`, { details: { invoiceId: cmd.invoiceId } }),
    );
  const lines = inv.chargeIds.flatMap((id) => {
    const c = s.charges[id];
    return c && c.status === 'open' && c.amount ? [{ chargeId: id, amount: c.amount }] : [];
  });
  const [first, ...rest] = lines;
  if (!first)
    return refuse(
      invariantViolated('NOTHING_TO_INVOICE', 'the draft has no priced charge to invoice', { details: { invoiceId: cmd.invoiceId } }),
    );
  const total = rest.reduce((t, l) => plus(t, l.amount), first.amount);
  const problem = tooLarge(undefined, total) ?? takenId(s, cmd.nextDraftId);
  if (problem) return refuse(problem);
  return emit({
    type: 'InvoiceIssueStarted',
    data: {
      invoiceId: cmd.invoiceId,
      issuedOn: cmd.on,
      dueOn: cmd.dueOn,
      chargeIds: lines.map((l) => l.chargeId),
      total,
      nextDraftId: cmd.nextDraftId,
      ...stamp(cmd),
    },
  });
};

const issue = (cmd: C.IssueInvoice, s: AccountState): Decision => {
  const inv = s.invoices[cmd.invoiceId];
  if (!inv) return refuse(notFound('INVOICE_NOT_FOUND', 'no such invoice on this account', { details: { invoiceId: cmd.invoiceId } }));
  // Numbered so already (a retry, the recovery of an interrupted issue), issued or voided since.
  if (inv.number === cmd.number) return emit();
  if (inv.status !== 'issuing' || inv.issuedOn === undefined || inv.dueOn === undefined)
    return refuse(
      conflict('INVOICE_NOT_DRAFT', `the invoice is ${inv.status}: only an invoice being issued takes a number`, {
        details: { invoiceId: cmd.invoiceId },
      }),
    );
  const dates = { issuedOn: inv.issuedOn as IsoDate, dueOn: inv.dueOn as IsoDate };
  return emit({ type: 'InvoiceIssued', data: { invoiceId: cmd.invoiceId, number: cmd.number, ...dates, ...stamp(cmd) } });
};

const activeClaim = (s: AccountState, inv: Invoice): boolean => inv.claimIds.some((id) => s.claims[id]?.status !== 'rejected');

const voidInvoice = (cmd: C.VoidInvoice, s: AccountState): Decision => {
  if (s.invoices[cmd.invoiceId]?.status === 'voided') return emit();
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  if (isPositive(inv.right.credits) || isPositive(inv.right.debits))
    return refuse(
      conflict('INVOICE_ADJUSTED', 'the invoice was corrected by a credit note or an adjustment: correct it further that way', {
        details: { invoiceId: cmd.invoiceId },
      }),
    );
  if (isPositive(inv.right.paid) || isPositive(inv.right.writtenOff))
    return refuse(
      conflict('INVOICE_HAS_PAYMENTS', 'money was paid or written off on this invoice: correct it with a credit note instead', {
        details: { invoiceId: cmd.invoiceId },
      }),
    );
  if (activeClaim(s, inv.right))
    return refuse(conflict('INVOICE_CLAIMED', 'a claim on this invoice is with a payer', { details: { invoiceId: cmd.invoiceId } }));
  const redraftedAs = s.drafts[inv.right.group] ?? cmd.redraftId;
  const taken = s.drafts[inv.right.group] === undefined ? takenId(s, cmd.redraftId) : undefined;
  if (taken) return refuse(taken);
  return emit({ type: 'InvoiceVoided', data: { invoiceId: cmd.invoiceId, reason: cmd.reason, redraftedAs, ...dated(cmd) } });
};

const adjust = (cmd: C.AdjustInvoice, s: AccountState): Decision => {
  const earlier = s.adjustments[cmd.adjustmentId];
  if (earlier)
    return earlier.invoiceId === cmd.invoiceId && earlier.kind === cmd.kind && sameMoney(earlier.amount, cmd.amount)
      ? emit()
      : refuse(conflict('DUPLICATE_ID', 'a different adjustment has this id', { details: { adjustmentId: cmd.adjustmentId } }));
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  const problem = currencyProblem(s, 'amount', cmd.amount) ?? positive('amount', cmd.amount);
  if (problem) return refuse(problem);
  const base = { adjustmentId: cmd.adjustmentId, invoiceId: cmd.invoiceId, kind: cmd.kind, amount: cmd.amount, reason: cmd.reason };
  if (cmd.kind === 'debit') {
    const large = tooLarge('amount', plus(plus(inv.right.total, inv.right.debits), cmd.amount));
    return large ? refuse(large) : emit({ type: 'InvoiceAdjusted', data: { ...base, released: [], ...dated(cmd) } });
  }
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
  const existing = s.payments[cmd.paymentId] ?? s.pending[cmd.paymentId];
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
  const keyed = {
    ...(cmd.reference === undefined ? {} : { reference: cmd.reference }),
    ...(cmd.idempotencyKey === undefined ? {} : { idempotencyKey: cmd.idempotencyKey }),
  };
  if (cmd.pending)
    return emit({
      type: 'PaymentPending',
      data: { paymentId: cmd.paymentId, method: cmd.method, amount: cmd.amount, ...keyed, ...dated(cmd) },
    });
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

/** Billing confirms the card processor settled a patient's payment: now it counts, allocated oldest due first. */
const confirmPayment = (cmd: C.ConfirmPayment, s: AccountState): Decision => {
  if (s.payments[cmd.paymentId]) return emit();
  const pending = s.pending[cmd.paymentId];
  if (pending?.declined)
    return refuse(
      conflict('PAYMENT_DECLINED', 'the payment was declined: the patient pays again', { details: { paymentId: cmd.paymentId } }),
    );
  if (!pending)
    return refuse(
      notFound('PAYMENT_NOT_PENDING', 'no payment of this account waits for confirmation under this id', {
        details: { paymentId: cmd.paymentId },
      }),
    );
  const { allocations, credit } = autoAllocate(s, pending.amount);
  const key = {
    ...(pending.idempotencyKey === undefined ? {} : { idempotencyKey: pending.idempotencyKey }),
    ...(pending.reference === undefined ? {} : { reference: pending.reference }),
  };
  return emit({
    type: 'PaymentReceived',
    data: { paymentId: cmd.paymentId, method: pending.method, amount: pending.amount, allocations, credit, ...key, ...dated(cmd) },
  });
};

const declinePayment = (cmd: C.DeclinePayment, s: AccountState): Decision => {
  if (s.payments[cmd.paymentId])
    return refuse(
      conflict('PAYMENT_NOT_PENDING', 'the payment was confirmed: refund it instead', { details: { paymentId: cmd.paymentId } }),
    );
  if (s.pending[cmd.paymentId]?.declined) return emit();
  if (!s.pending[cmd.paymentId])
    return refuse(
      notFound('PAYMENT_NOT_PENDING', 'no payment of this account waits for confirmation under this id', {
        details: { paymentId: cmd.paymentId },
      }),
    );
  return emit({ type: 'PaymentDeclined', data: { paymentId: cmd.paymentId, reason: cmd.reason, ...dated(cmd) } });
};

const applyCredit = (cmd: C.ApplyCredit, s: AccountState): Decision => {
  const earlier = s.creditApplications[cmd.applicationId];
  if (earlier !== undefined)
    return earlier === cmd.invoiceId
      ? emit()
      : refuse(
          conflict('DUPLICATE_ID', 'credit was applied to another invoice under this id', {
            details: { applicationId: cmd.applicationId },
          }),
        );
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  const open = openBalance(inv.right);
  if (!isPositive(open)) return refuse(conflict('INVOICE_PAID', 'the invoice owes nothing', { details: { invoiceId: cmd.invoiceId } }));
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
  if (!isPositive(available)) return refuse(invariantViolated('NO_CREDIT', 'the account has no credit', {}));
  const want = cmd.amount ?? lessOf(open, available);
  const { shares } = takeInOrder(want, creditSources(s));
  return emit({
    type: 'CreditApplied',
    data: { applicationId: cmd.applicationId, invoiceId: cmd.invoiceId, from: toPaymentShares(shares), ...dated(cmd) },
  });
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
  // A new claim under an id already made is the retried request: whatever became of the claim since.
  if (earlier && !cmd.resubmission)
    return earlier.invoiceId === cmd.invoiceId
      ? emit()
      : refuse(conflict('DUPLICATE_ID', 'a claim on another invoice has this id', { details: { claimId: cmd.claimId } }));
  if (earlier && earlier.status === 'submitted' && earlier.submission > 1) return emit();
  if (earlier && (earlier.status !== 'rejected' || earlier.invoiceId !== cmd.invoiceId))
    return refuse(claimState(cmd.claimId, earlier.status, 'rejected (a correction is submitted on the same invoice)'));
  const inv = issuedInvoice(s, cmd.invoiceId);
  if (E.isLeft(inv)) return inv;
  // A corrected claim claims its own lines again unless it says which.
  const chargeIds = cmd.chargeIds ?? earlier?.lines.map((l) => l.chargeId) ?? inv.right.chargeIds;
  const lines: { chargeId: string; amount: Money }[] = [];
  for (const [i, chargeId] of chargeIds.entries()) {
    const amount = inv.right.chargeIds.includes(chargeId) ? s.charges[chargeId]?.amount : undefined;
    if (!amount)
      return refuse(
        invariantViolated('CLAIM_LINE_NOT_FOUND', 'a claimed charge is not a line of the invoice', {
          problems: [{ path: `body.chargeIds.${i}`, rule: 'must be a charge of the invoice' }],
        }),
      );
    const elsewhere = Object.values(s.claims).some(
      (c) => c.claimId !== cmd.claimId && c.status !== 'rejected' && c.lines.some((l) => l.chargeId === chargeId),
    );
    if (elsewhere)
      return refuse(
        conflict('CLAIMED_ELSEWHERE', 'a claimed charge is on another claim a payer holds', {
          problems: [{ path: `body.chargeIds.${i}`, rule: 'must not be on another claim that was not rejected' }],
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
    case 'StartIssue':
      return startIssue(cmd, s);
    case 'IssueInvoice':
      return issue(cmd, s);
    case 'VoidInvoice':
      return voidInvoice(cmd, s);
    case 'AdjustInvoice':
      return adjust(cmd, s);
    case 'ReceivePayment':
      return receive(cmd, s);
    case 'ConfirmPayment':
      return confirmPayment(cmd, s);
    case 'DeclinePayment':
      return declinePayment(cmd, s);
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
