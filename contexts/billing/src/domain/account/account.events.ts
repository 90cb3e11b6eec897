import * as t from 'io-ts';
import { CurrencyCode, eventCodec, IsoDate, IsoDateTime, LongText, NonNegativeMoney, PositiveMoney } from '@hcms/shared-kernel';
import {
  AdjustmentKind,
  ChargeSource,
  DenialPolicy,
  InvoiceShare,
  Payer,
  PaymentMethod,
  PaymentShare,
  WriteOffReason,
} from './billing.values.js';

// Every money event says who (`by`), when the system learned it (`at`) and the business day it
// counts on (`on`, the clinic's date): reports as of a day read `on`, audits read `at`.
const who = { by: t.string, at: IsoDateTime };
const when = { on: IsoDate, ...who };

/**
 * A service rendered, on the patient's account, gathered on the open draft invoice of its group
 * (its encounter, or the account's own for manual charges). `unitPrice` is the fee schedule's
 * price in force on the date of service, snapshotted; absent, the charge waits for pricing.
 */
export const ChargeCaptured = eventCodec(
  'ChargeCaptured',
  t.intersection([
    t.type({
      chargeId: t.string,
      invoiceId: t.string,
      group: t.string,
      currency: CurrencyCode,
      source: ChargeSource,
      code: t.string,
      description: t.string,
      serviceDate: IsoDate,
      quantity: t.number,
      ...who,
    }),
    t.partial({ unitPrice: PositiveMoney, amount: PositiveMoney }),
  ]),
);
/** A charge that had no price in force gets one (from the fee schedule or a billing clerk). */
export const ChargePriced = eventCodec(
  'ChargePriced',
  t.type({ chargeId: t.string, unitPrice: PositiveMoney, amount: PositiveMoney, ...who }),
);
/** A charge still on a draft is taken off it (a cancelled order, a mistake); issued charges are corrected by credit notes. */
export const ChargeVoided = eventCodec('ChargeVoided', t.type({ chargeId: t.string, reason: LongText, ...who }));

/**
 * Issuing begins: the draft's priced charges are frozen (no void, no price change) and dated;
 * charges still waiting for a price move to `nextDraftId`, where new charges of the group gather
 * too. Only then is a number taken, in the register of `issuedOn`'s year, so a draft that cannot
 * be issued never takes one and a retry on another day takes it in the same register.
 */
export const InvoiceIssueStarted = eventCodec(
  'InvoiceIssueStarted',
  t.type({
    invoiceId: t.string,
    issuedOn: IsoDate,
    dueOn: IsoDate,
    chargeIds: t.array(t.string),
    total: PositiveMoney,
    nextDraftId: t.string,
    ...who,
  }),
);
/** The invoice has its number (gapless per year, from the invoice register): issued, and immutable. */
export const InvoiceIssued = eventCodec(
  'InvoiceIssued',
  t.type({ invoiceId: t.string, number: t.string, issuedOn: IsoDate, dueOn: IsoDate, ...who }),
);
/** An issued invoice nothing was paid or written off on is voided; its number stays used, its charges go back to a draft. */
export const InvoiceVoided = eventCodec('InvoiceVoided', t.type({ invoiceId: t.string, reason: LongText, redraftedAs: t.string, ...when }));
/**
 * A credit note (less owed) or a debit adjustment (more owed) on an issued invoice, with a
 * reason. A credit note beyond what is still open gives paid money back to its payments' credit.
 */
export const InvoiceAdjusted = eventCodec(
  'InvoiceAdjusted',
  t.type({
    adjustmentId: t.string,
    invoiceId: t.string,
    kind: AdjustmentKind,
    amount: PositiveMoney,
    reason: LongText,
    released: t.array(PaymentShare),
    ...when,
  }),
);

/**
 * A patient's card payment, as they made it online: it counts for nothing until the card
 * processor's settlement is confirmed by billing (`PaymentReceived` under the same id) or declined.
 */
export const PaymentPending = eventCodec(
  'PaymentPending',
  t.intersection([
    t.type({ paymentId: t.string, method: PaymentMethod, amount: PositiveMoney, ...when }),
    t.partial({ reference: t.string, idempotencyKey: t.string }),
  ]),
);
export const PaymentDeclined = eventCodec('PaymentDeclined', t.type({ paymentId: t.string, reason: LongText, ...when }));
/** Money received, allocated to invoices; what is left is the account's credit. */
export const PaymentReceived = eventCodec(
  'PaymentReceived',
  t.intersection([
    t.type({
      paymentId: t.string,
      method: PaymentMethod,
      amount: PositiveMoney,
      allocations: t.array(InvoiceShare),
      credit: NonNegativeMoney,
      ...when,
    }),
    t.partial({ reference: t.string, idempotencyKey: t.string, claimId: t.string }),
  ]),
);
/** Credit on the account (unallocated payments, oldest first) pays an invoice. */
export const CreditApplied = eventCodec(
  'CreditApplied',
  t.type({ applicationId: t.string, invoiceId: t.string, from: t.array(PaymentShare), ...when }),
);
/**
 * Money given back from a payment: first from its unallocated credit, then released from the
 * invoices it paid, most recent first (they open again).
 */
export const RefundIssued = eventCodec(
  'RefundIssued',
  t.type({
    refundId: t.string,
    paymentId: t.string,
    amount: PositiveMoney,
    reason: LongText,
    fromCredit: NonNegativeMoney,
    released: t.array(InvoiceShare),
    ...when,
  }),
);
/** The refund did not happen (a bounced transfer): its amount is the payment's credit again. */
export const RefundReversed = eventCodec('RefundReversed', t.type({ refundId: t.string, reason: LongText, ...when }));

export const WrittenOff = eventCodec(
  'WrittenOff',
  t.intersection([
    t.type({ writeOffId: t.string, invoiceId: t.string, amount: PositiveMoney, reasonCode: WriteOffReason, ...when }),
    t.partial({ note: LongText, claimId: t.string }),
  ]),
);
export const WriteOffReversed = eventCodec('WriteOffReversed', t.type({ writeOffId: t.string, reason: LongText, ...when }));

/** A claim to a payer for lines of one invoice; a rejected claim is corrected and submitted again (`submission` counts). */
export const ClaimSubmitted = eventCodec(
  'ClaimSubmitted',
  t.type({
    claimId: t.string,
    invoiceId: t.string,
    payer: Payer,
    lines: t.array(t.type({ chargeId: t.string, amount: PositiveMoney })),
    submission: t.number,
    ...when,
  }),
);
export const ClaimAccepted = eventCodec('ClaimAccepted', t.type({ claimId: t.string, ...when }));
export const ClaimRejected = eventCodec('ClaimRejected', t.type({ claimId: t.string, reason: LongText, ...when }));
/**
 * The payer's decision on one line: what it pays (a payment by insurance follows in the same
 * decision) and what it denies, which becomes the patient's or is written off, by policy.
 */
export const ClaimLineAdjudicated = eventCodec(
  'ClaimLineAdjudicated',
  t.type({
    claimId: t.string,
    chargeId: t.string,
    outcome: t.keyof({ paid: null, 'partially-paid': null, denied: null }),
    paid: NonNegativeMoney,
    denied: NonNegativeMoney,
    deniedTo: DenialPolicy,
    ...when,
  }),
);

export const AccountEvent = t.union(
  [
    ChargeCaptured,
    ChargePriced,
    ChargeVoided,
    InvoiceIssueStarted,
    InvoiceIssued,
    InvoiceVoided,
    InvoiceAdjusted,
    PaymentPending,
    PaymentDeclined,
    PaymentReceived,
    CreditApplied,
    RefundIssued,
    RefundReversed,
    WrittenOff,
    WriteOffReversed,
    ClaimSubmitted,
    ClaimAccepted,
    ClaimRejected,
    ClaimLineAdjudicated,
  ],
  'AccountEvent',
);
export type AccountEvent = t.TypeOf<typeof AccountEvent>;
export type AccountEventType = AccountEvent['type'];
export type EventOf<T extends AccountEventType> = Extract<AccountEvent, { type: T }>;
