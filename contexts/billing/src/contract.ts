/**
 * What the Billing context publishes (`billing.<type>`). Other contexts and read models import
 * this file only. Streams: `billingAccount-<patientId>` (charges, invoices, money),
 * `fee-<code>` (the fee schedule), `invoiceRegister-<year>` (invoice numbers).
 */
import { ERASED_TEXT, type EventCodec, type PersonalDataPolicy } from '@hcms/shared-kernel';
import { AccountEvent } from './domain/account/account.events.js';
import { FeeEvent } from './domain/fees/fee.events.js';
import { RegisterEvent } from './domain/register/invoice-register.events.js';

export * from './domain/account/account.events.js';
export * from './domain/account/billing.values.js';
export * from './domain/fees/fee.events.js';
export * from './domain/register/invoice-register.events.js';

export const BILLING_CONTEXT = 'billing';

export const accountStream = (patientId: string): string => `billingAccount-${patientId}`;
export const feeStream = (code: string): string => `fee-${code}`;
export const invoiceRegisterStream = (year: number): string => `invoiceRegister-${year}`;

export const accountEvents: EventCodec<AccountEvent> = { context: BILLING_CONTEXT, codec: AccountEvent, schemaVersion: 1 };
export const feeEvents: EventCodec<FeeEvent> = { context: BILLING_CONTEXT, codec: FeeEvent, schemaVersion: 1 };
export const registerEvents: EventCodec<RegisterEvent> = { context: BILLING_CONTEXT, codec: RegisterEvent, schemaVersion: 1 };

/**
 * The personal data in Billing events: what people wrote about the patient's account (reasons,
 * notes) and payment references (a card's digits, a cheque's name). Codes, amounts and dates
 * stay: the financial record is kept for the years the law asks, and erasure must not unbalance it.
 */
export const billingPersonalData: PersonalDataPolicy = {
  'billing.ChargeVoided': { reason: ERASED_TEXT },
  'billing.InvoiceVoided': { reason: ERASED_TEXT },
  'billing.InvoiceAdjusted': { reason: ERASED_TEXT },
  'billing.PaymentPending': { reference: ERASED_TEXT },
  'billing.PaymentDeclined': { reason: ERASED_TEXT },
  'billing.PaymentReceived': { reference: ERASED_TEXT },
  'billing.RefundIssued': { reason: ERASED_TEXT },
  'billing.RefundReversed': { reason: ERASED_TEXT },
  'billing.WrittenOff': { note: ERASED_TEXT },
  'billing.WriteOffReversed': { reason: ERASED_TEXT },
  'billing.ClaimRejected': { reason: ERASED_TEXT },
};

/**
 * How an account's events add up: read models and reports fold them with the same function the
 * account decides on, so a balance shown is the balance the account enforces.
 */
export {
  evolve as foldAccount,
  initialState as emptyAccount,
  openBalance,
  invoiceStatus,
  creditBalance,
  type AccountState,
  type Invoice,
  type InvoiceStatus,
  type Payment,
  type Charge,
  type Claim,
  type Refund,
  type WriteOffRecord,
  type PendingPayment,
  type Adjustment,
} from './domain/account/account.state.js';
export { invoiceNumber } from './domain/register/invoice-register.events.js';
export { evolve as foldFee, initialState as noFee, priceOn, type FeeState, type Price } from './domain/fees/fee.state.js';
