import type { Money } from '@hcms/shared-kernel';
import type { AccountState, PaymentMethod, WriteOffReason } from '@hcms/billing/contract';

/**
 * What changes an issued invoice's open balance, on the business day it counts on: what was paid
 * on it (`payment`, `credit-applied`: −), paid money given back (`refund-release`,
 * `credit-note-release`: +), credit notes (−), debit adjustments (+), write-offs (−) and their
 * reversals (+). An invoice's open balance as of a day adds up its movements up to that day.
 */
export type InvoiceMovementKind =
  'payment' | 'credit-applied' | 'refund-release' | 'credit-note-release' | 'credit-note' | 'debit' | 'write-off' | 'write-off-reversal';

/**
 * What changes the account's credit (money received and not on an invoice): a payment's
 * unallocated part (`received`: +), credit paying an invoice (`applied`: −), a refund taken from
 * it (`refunded`: −), a refund that did not happen (`refund-reversed`: +), paid money a credit note
 * gave back (`released`: +).
 */
export type CreditMovementKind = 'received' | 'applied' | 'refunded' | 'refund-reversed' | 'released';

/** `amount` is never negative: the kind says which way it goes. */
export interface Movement<Kind extends string> {
  readonly on: string;
  readonly kind: Kind;
  readonly amount: Money;
  /** The payment, refund, adjustment or write-off it belongs to. */
  readonly ref: string;
}

export type InvoiceMovement = Movement<InvoiceMovementKind>;
export type CreditMovement = Movement<CreditMovementKind>;

/** An issued invoice's dates and movements; its total and lines are in the fold. */
export interface InvoiceHistory {
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly voidedOn?: string;
  readonly movements: readonly InvoiceMovement[];
}

export interface PaymentHistory {
  readonly on: string;
  readonly method: PaymentMethod;
  readonly claimId?: string;
}

export interface RefundHistory {
  readonly on: string;
  readonly reversedOn?: string;
}

export interface WriteOffHistory {
  readonly on: string;
  readonly reasonCode: WriteOffReason;
  readonly reversedOn?: string;
}

export interface AdjustmentHistory {
  readonly on: string;
  readonly invoiceId: string;
  readonly kind: 'credit' | 'debit';
  readonly amount: Money;
}

/** When each movement of money counted: what the fold does not keep, and reports as of a day need. */
export interface AccountHistory {
  readonly invoices: Readonly<Record<string, InvoiceHistory>>;
  readonly credit: readonly CreditMovement[];
  readonly payments: Readonly<Record<string, PaymentHistory>>;
  readonly refunds: Readonly<Record<string, RefundHistory>>;
  readonly writeOffs: Readonly<Record<string, WriteOffHistory>>;
  readonly adjustments: Readonly<Record<string, AdjustmentHistory>>;
}

/**
 * A patient's account (stream `billingAccount-<patientId>`): Billing's own fold of its events, so
 * every balance is the one the account enforces, and the dates of every movement. Free text
 * (reasons, notes, payment references) is left out: it is the patient's personal data, which the
 * log forgets on erasure and this document would otherwise keep.
 */
export interface BillingAccountDoc {
  readonly patientId: string;
  /** The stream version folded in: an event at or below it is a duplicate. */
  readonly version: number;
  readonly account: AccountState;
  readonly history: AccountHistory;
  /**
   * The day from which no invoice of the account is open any more (`9999-12-31` while one is, ''
   * when none ever was): an aging report as of a day reads only the accounts open after it.
   */
  readonly openUntil: string;
  /** The latest day money came in or went out (''  when none did): the day's takings read the accounts moved since. */
  readonly lastMoneyOn: string;
}
