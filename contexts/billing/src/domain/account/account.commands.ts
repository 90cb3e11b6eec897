import type * as t from 'io-ts';
import type { CurrencyCode } from '@hcms/shared-kernel';
import type { IsoDate, IsoDateTime, LongText, Money } from '@hcms/shared-kernel';
import type { AdjustmentKind, ChargeSource, DenialPolicy, Payer, PaymentMethod, WriteOffReason } from './billing.values.js';

/** Stamped by the handler: who, the instant, and the clinic's business day. */
interface Stamp {
  readonly actorId: string;
  readonly at: IsoDateTime;
  readonly on: IsoDate;
}

export interface CaptureCharge extends Stamp {
  readonly type: 'CaptureCharge';
  readonly chargeId: string;
  /** Opens the group's draft when it has none. */
  readonly draftId: string;
  readonly group: string;
  /** The installation's currency: the account's, from its first charge. */
  readonly currency: t.TypeOf<typeof CurrencyCode>;
  readonly source: ChargeSource;
  readonly code: string;
  readonly description: string;
  readonly serviceDate: IsoDate;
  readonly quantity: number;
  /** The price in force on the date of service; absent, the charge waits for one. */
  readonly unitPrice?: Money;
}
export interface PriceCharge extends Stamp {
  readonly type: 'PriceCharge';
  readonly chargeId: string;
  readonly unitPrice: Money;
}
export interface VoidCharge extends Stamp {
  readonly type: 'VoidCharge';
  readonly chargeId: string;
  readonly reason: LongText;
}
/** Freezes the draft and dates it (`on` is the issue date); the number follows. */
export interface StartIssue extends Stamp {
  readonly type: 'StartIssue';
  readonly invoiceId: string;
  readonly dueOn: IsoDate;
  readonly nextDraftId: string;
}
export interface IssueInvoice extends Stamp {
  readonly type: 'IssueInvoice';
  readonly invoiceId: string;
  readonly number: string;
}
export interface VoidInvoice extends Stamp {
  readonly type: 'VoidInvoice';
  readonly invoiceId: string;
  readonly reason: LongText;
  readonly redraftId: string;
}
export interface AdjustInvoice extends Stamp {
  readonly type: 'AdjustInvoice';
  readonly adjustmentId: string;
  readonly invoiceId: string;
  readonly kind: AdjustmentKind;
  readonly amount: Money;
  readonly reason: LongText;
}
export interface ReceivePayment extends Stamp {
  readonly type: 'ReceivePayment';
  readonly paymentId: string;
  readonly method: PaymentMethod;
  readonly amount: Money;
  /** Explicit shares; absent, the oldest due invoices are paid first. What is left is credit. */
  readonly allocations?: readonly { readonly invoiceId: string; readonly amount: Money }[];
  readonly reference?: string;
  readonly idempotencyKey?: string;
  /** A patient's own card payment: pending until billing confirms the processor settled it. */
  readonly pending?: boolean;
}
export interface ConfirmPayment extends Stamp {
  readonly type: 'ConfirmPayment';
  readonly paymentId: string;
}
export interface DeclinePayment extends Stamp {
  readonly type: 'DeclinePayment';
  readonly paymentId: string;
  readonly reason: LongText;
}
export interface ApplyCredit extends Stamp {
  readonly type: 'ApplyCredit';
  /** Names this application: the same id again is a retry. */
  readonly applicationId: string;
  readonly invoiceId: string;
  /** Absent: as much as the invoice needs and the credit allows. */
  readonly amount?: Money;
}
export interface IssueRefund extends Stamp {
  readonly type: 'IssueRefund';
  readonly refundId: string;
  readonly paymentId: string;
  readonly amount: Money;
  readonly reason: LongText;
}
export interface ReverseRefund extends Stamp {
  readonly type: 'ReverseRefund';
  readonly refundId: string;
  readonly reason: LongText;
}
export interface WriteOff extends Stamp {
  readonly type: 'WriteOff';
  readonly writeOffId: string;
  readonly invoiceId: string;
  readonly amount: Money;
  readonly reasonCode: WriteOffReason;
  readonly note?: LongText;
}
export interface ReverseWriteOff extends Stamp {
  readonly type: 'ReverseWriteOff';
  readonly writeOffId: string;
  readonly reason: LongText;
}
export interface SubmitClaim extends Stamp {
  readonly type: 'SubmitClaim';
  /** A rejected claim submitted again, corrected; otherwise a new claim (the same id again is a retry). */
  readonly resubmission?: boolean;
  readonly claimId: string;
  readonly invoiceId: string;
  readonly payer: Payer;
  /** The invoice's charges claimed; absent, all of them. */
  readonly chargeIds?: readonly string[];
}
export interface AcceptClaim extends Stamp {
  readonly type: 'AcceptClaim';
  readonly claimId: string;
}
export interface RejectClaim extends Stamp {
  readonly type: 'RejectClaim';
  readonly claimId: string;
  readonly reason: LongText;
}
export interface AdjudicateClaimLine extends Stamp {
  readonly type: 'AdjudicateClaimLine';
  readonly claimId: string;
  readonly chargeId: string;
  readonly paid: Money;
  readonly deniedTo: DenialPolicy;
  /** Ids for the insurance payment and the write-off this decision may record. */
  readonly paymentId: string;
  readonly writeOffId: string;
}

export type AccountCommand =
  | CaptureCharge
  | PriceCharge
  | VoidCharge
  | StartIssue
  | IssueInvoice
  | VoidInvoice
  | AdjustInvoice
  | ReceivePayment
  | ConfirmPayment
  | DeclinePayment
  | ApplyCredit
  | IssueRefund
  | ReverseRefund
  | WriteOff
  | ReverseWriteOff
  | SubmitClaim
  | AcceptClaim
  | RejectClaim
  | AdjudicateClaimLine;
