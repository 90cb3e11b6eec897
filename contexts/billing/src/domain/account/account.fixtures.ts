/**
 * Shared givens of the account specs: one patient's account in US dollars, an encounter's
 * charges, a builder for every command, and histories made by deciding those commands.
 * Amounts are integer minor units (cents): `usd(15000)` is $150.00.
 */
import * as E from 'fp-ts/lib/Either.js';
import { replay, type DomainError, type IsoDate, type IsoDateTime, type LongText, type Money } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import type * as C from './account.commands.js';
import { accountDecider } from './account.decider.js';
import type { AccountEvent, EventOf } from './account.events.js';
import {
  creditBalance,
  invoiceStatus,
  openBalance,
  type AccountState,
  type Invoice,
  type InvoiceStatus,
  type Payment,
} from './account.state.js';
import type { DenialPolicy, Payer, PaymentMethod } from './billing.values.js';

export const given = specFor(accountDecider);
export const stateAfter = (history: readonly AccountEvent[]): AccountState => replay(accountDecider, history);
export const refusalOf = (history: readonly AccountEvent[], command: C.AccountCommand): DomainError => {
  const result = given(history).when(command).result;
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};
export const eventsOf = (history: readonly AccountEvent[], command: C.AccountCommand): readonly AccountEvent[] => {
  const result = given(history).when(command).result;
  if (E.isLeft(result)) throw new Error(`expected events, got refusal ${result.left.code}`);
  return result.right;
};
/**
 * The history after `commands`, each decided on what the ones before it recorded. A step may be
 * a list of commands (`issue()` is two), decided in order.
 */
export const after = (
  history: readonly AccountEvent[],
  ...commands: readonly (C.AccountCommand | readonly C.AccountCommand[])[]
): readonly AccountEvent[] => commands.flat().reduce<readonly AccountEvent[]>((h, command) => [...h, ...eventsOf(h, command)], history);
/** What the only event a command records says, narrowed to its type. */
export const onlyEvent = <T extends AccountEvent['type']>(
  history: readonly AccountEvent[],
  command: C.AccountCommand,
  type: T,
): EventOf<T>['data'] => {
  const events = eventsOf(history, command);
  const [event] = events;
  if (events.length !== 1 || event?.type !== type) throw new Error(`expected one ${type}, got ${JSON.stringify(events)}`);
  return (event as unknown as { data: EventOf<T>['data'] }).data;
};

export const usd = (amount: number): Money => ({ amount, currency: 'USD' });
export const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
export const text = (s: string): LongText => s as LongText;
export const currencyCode = (code: string) => code as C.CaptureCharge['currency'];

export const CLERK = 'clerk-1';
export const AT = '2026-03-02T09:00:00.000Z' as IsoDateTime;
export const ON = '2026-03-02' as IsoDate;
export const DUE_ON = '2026-04-01' as IsoDate;
export const ENCOUNTER = 'encounter-1';
export const OTHER_ENCOUNTER = 'encounter-2';
/** The draft a charge opens when its group has none: derived from the charge, as the handler does. */
export const draftFor = (chargeId: string): string => `draft-${chargeId}`;
/** The encounter's first draft, issued as `NUMBER`; unpriced charges then wait on `NEXT_DRAFT`. */
export const DRAFT = draftFor('charge-1');
export const NEXT_DRAFT = 'invoice-2';
export const REDRAFT = 'invoice-3';
export const NUMBER = '2026-000001';
export const PAYER: Payer = { name: 'Acme Health Insurance', payerId: 'ACME' } as Payer;

const stamp = { actorId: CLERK, at: AT, on: ON };

// --- Commands.
export const capture = (chargeId: string, unitPrice?: number, overrides: Partial<C.CaptureCharge> = {}): C.CaptureCharge => ({
  type: 'CaptureCharge',
  ...stamp,
  chargeId,
  draftId: draftFor(chargeId),
  group: ENCOUNTER,
  currency: currencyCode('USD'),
  source: { kind: 'encounter', encounterId: ENCOUNTER, line: 1 },
  code: '99213',
  description: 'Office visit, established patient',
  serviceDate: ON,
  quantity: 1,
  ...(unitPrice === undefined ? {} : { unitPrice: usd(unitPrice) }),
  ...overrides,
});
export const priceCharge = (chargeId: string, unitPrice: Money): C.PriceCharge => ({ type: 'PriceCharge', ...stamp, chargeId, unitPrice });
export const voidCharge = (chargeId: string): C.VoidCharge => ({
  type: 'VoidCharge',
  ...stamp,
  chargeId,
  reason: text('Charged by mistake'),
});
export const startIssue = (invoiceId = DRAFT, nextDraftId = NEXT_DRAFT, dueOn = DUE_ON): C.StartIssue => ({
  type: 'StartIssue',
  ...stamp,
  invoiceId,
  dueOn,
  nextDraftId,
});
/** The number the register gave: the second step of issuing. */
export const numberInvoice = (invoiceId = DRAFT, number = NUMBER): C.IssueInvoice => ({
  type: 'IssueInvoice',
  ...stamp,
  invoiceId,
  number,
});
/** Both steps of issuing a draft, as the handler takes them: for `after`. */
export const issue = (
  invoiceId = DRAFT,
  number = NUMBER,
  nextDraftId = NEXT_DRAFT,
  dueOn = DUE_ON,
): readonly [C.StartIssue, C.IssueInvoice] => [startIssue(invoiceId, nextDraftId, dueOn), numberInvoice(invoiceId, number)];
export const voidInvoice = (invoiceId = DRAFT, redraftId = REDRAFT): C.VoidInvoice => ({
  type: 'VoidInvoice',
  ...stamp,
  invoiceId,
  reason: text('Billed to the wrong patient'),
  redraftId,
});
const adjust = (kind: 'credit' | 'debit', adjustmentId: string, amount: Money, invoiceId: string): C.AdjustInvoice => ({
  type: 'AdjustInvoice',
  ...stamp,
  adjustmentId,
  invoiceId,
  kind,
  amount,
  reason: text(kind === 'credit' ? 'Courtesy discount' : 'Supply not billed'),
});
export const creditNote = (adjustmentId: string, amount: Money, invoiceId = DRAFT) => adjust('credit', adjustmentId, amount, invoiceId);
export const debit = (adjustmentId: string, amount: Money, invoiceId = DRAFT) => adjust('debit', adjustmentId, amount, invoiceId);
export const pay = (
  paymentId: string,
  amount: Money,
  allocations?: readonly (readonly [string, Money])[],
  method: PaymentMethod = 'card',
): C.ReceivePayment => ({
  type: 'ReceivePayment',
  ...stamp,
  paymentId,
  method,
  amount,
  ...(allocations === undefined ? {} : { allocations: allocations.map(([invoiceId, share]) => ({ invoiceId, amount: share })) }),
});
/** A patient's own card payment, made online: it waits for billing to confirm the processor settled it. */
export const payOnline = (paymentId: string, amount: Money, idempotencyKey?: string, method: PaymentMethod = 'card'): C.ReceivePayment => ({
  type: 'ReceivePayment',
  ...stamp,
  paymentId,
  method,
  amount,
  pending: true,
  ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
});
export const confirmPayment = (paymentId: string): C.ConfirmPayment => ({ type: 'ConfirmPayment', ...stamp, paymentId });
export const declinePayment = (paymentId: string): C.DeclinePayment => ({
  type: 'DeclinePayment',
  ...stamp,
  paymentId,
  reason: text('The card issuer declined the charge'),
});
let applications = 0;
/** Each call a new application (a new request), unless `applicationId` names one. */
export const applyCredit = (invoiceId = DRAFT, amount?: Money, applicationId = `credit-${++applications}`): C.ApplyCredit => ({
  type: 'ApplyCredit',
  ...stamp,
  applicationId,
  invoiceId,
  ...(amount === undefined ? {} : { amount }),
});
export const refund = (refundId: string, paymentId: string, amount: Money): C.IssueRefund => ({
  type: 'IssueRefund',
  ...stamp,
  refundId,
  paymentId,
  amount,
  reason: text('Overpaid at the desk'),
});
export const reverseRefund = (refundId: string): C.ReverseRefund => ({
  type: 'ReverseRefund',
  ...stamp,
  refundId,
  reason: text('The transfer bounced'),
});
export const writeOff = (writeOffId: string, amount: Money, invoiceId = DRAFT): C.WriteOff => ({
  type: 'WriteOff',
  ...stamp,
  writeOffId,
  invoiceId,
  amount,
  reasonCode: 'small-balance',
});
export const reverseWriteOff = (writeOffId: string): C.ReverseWriteOff => ({
  type: 'ReverseWriteOff',
  ...stamp,
  writeOffId,
  reason: text('Written off by mistake'),
});
export const submitClaim = (claimId = 'claim-1', invoiceId = DRAFT, chargeIds?: readonly string[]): C.SubmitClaim => ({
  type: 'SubmitClaim',
  ...stamp,
  claimId,
  invoiceId,
  payer: PAYER,
  ...(chargeIds === undefined ? {} : { chargeIds }),
});
/** A rejected claim submitted again, corrected (the resubmit route). */
export const resubmitClaim = (claimId = 'claim-1', invoiceId = DRAFT, chargeIds?: readonly string[]): C.SubmitClaim => ({
  ...submitClaim(claimId, invoiceId, chargeIds),
  resubmission: true,
});
export const acceptClaim = (claimId = 'claim-1'): C.AcceptClaim => ({ type: 'AcceptClaim', ...stamp, claimId });
export const rejectClaim = (claimId = 'claim-1'): C.RejectClaim => ({
  type: 'RejectClaim',
  ...stamp,
  claimId,
  reason: text('Missing diagnosis code'),
});
export const adjudicate = (chargeId: string, paid: Money, deniedTo: DenialPolicy, claimId = 'claim-1'): C.AdjudicateClaimLine => ({
  type: 'AdjudicateClaimLine',
  ...stamp,
  claimId,
  chargeId,
  paid,
  deniedTo,
  paymentId: `${claimId}.${chargeId}.payment`,
  writeOffId: `${claimId}.${chargeId}.write-off`,
});

// --- Reading a history.
export const invoiceIn = (history: readonly AccountEvent[], invoiceId = DRAFT): Invoice => {
  const inv = stateAfter(history).invoices[invoiceId];
  if (!inv) throw new Error(`no invoice ${invoiceId} in this history`);
  return inv;
};
export const paymentIn = (history: readonly AccountEvent[], paymentId: string): Payment => {
  const payment = stateAfter(history).payments[paymentId];
  if (!payment) throw new Error(`no payment ${paymentId} in this history`);
  return payment;
};
/** An invoice's open balance, in minor units. */
export const openOf = (history: readonly AccountEvent[], invoiceId = DRAFT): number => openBalance(invoiceIn(history, invoiceId)).amount;
export const statusOf = (history: readonly AccountEvent[], invoiceId = DRAFT): InvoiceStatus =>
  invoiceStatus(invoiceIn(history, invoiceId));
/** The account's credit, in minor units. */
export const creditOf = (history: readonly AccountEvent[]): number => creditBalance(stateAfter(history)).amount;

// --- Histories.
/** An invoice of $150.00: one office visit, issued. */
export const invoiced = after([], capture('charge-1', 15000), issue());
/** Two invoices: the encounter's $100.00 due April 1st, and another encounter's $50.00 due March 15th. */
export const twoInvoices = after(
  [],
  capture('charge-1', 10000),
  issue(),
  capture('charge-2', 5000, { group: OTHER_ENCOUNTER, draftId: 'invoice-a' }),
  issue('invoice-a', '2026-000002', 'invoice-b', '2026-03-15' as IsoDate),
);
