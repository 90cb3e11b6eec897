import { wireType, type Money, type StoredEvent } from '@hcms/shared-kernel';
import { accountEvents, accountStream, feeEvents, feeStream, type AccountEventType } from '@hcms/billing/contract';
import { PATIENT } from '../encounters/encounter.fixtures.js';

/** Test data: Billing's events as the log stores them, amounts in US cents. */
export const CLERK = '0190f5c2-0000-7000-8000-0000000000e1';
const at = '2026-03-02T12:00:00.000Z';
const who = { by: CLERK, at };

let position = 20_000;

export type Entry = readonly [AccountEventType, object];

export const usd = (amount: number): Money => ({ amount, currency: 'USD' });
/** Ids of a test: `id('inv', 1)` is a UUID that reads as what it names. */
export const id = (kind: 'inv' | 'chg' | 'pay' | 'ref' | 'adj' | 'wo' | 'clm', n: number): string => {
  const prefix = { inv: 'a', chg: 'b', pay: 'c', ref: 'd', adj: 'e', wo: 'f', clm: '9' }[kind];
  return `0190f5c2-0000-7000-8000-${prefix}${String(n).padStart(11, '0')}`;
};

/** A patient's account stream from `fromVersion` on: `[type, data]` pairs in order. */
export const accountLog = (patientId: string, events: readonly Entry[], fromVersion = 1): StoredEvent[] =>
  events.map(([type, data], i) => ({
    id: `${patientId}-billing-${fromVersion + i}`,
    type: wireType(accountEvents, type),
    streamId: accountStream(patientId),
    version: fromVersion + i,
    position: ++position,
    recordedAt: at,
    data,
    metadata: { actor: { id: CLERK, role: 'billing-clerk' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId },
  }));

export const charged = (chargeId: string, invoiceId: string, code: string, serviceDate: string, amount?: number): Entry => [
  'ChargeCaptured',
  {
    chargeId,
    invoiceId,
    group: 'account',
    currency: 'USD',
    source: { kind: 'manual' },
    code,
    description: `Service ${code}`,
    serviceDate,
    quantity: 1,
    ...(amount === undefined ? {} : { unitPrice: usd(amount), amount: usd(amount) }),
    ...who,
  },
];

export const issued = (
  invoiceId: string,
  sequence: number,
  issuedOn: string,
  dueOn: string,
  chargeIds: readonly string[],
  total: number,
  nextDraftId: string,
): Entry[] => [
  ['InvoiceIssueStarted', { invoiceId, issuedOn, dueOn, chargeIds, total: usd(total), nextDraftId, ...who }],
  ['InvoiceIssued', { invoiceId, number: `2026-${String(sequence).padStart(6, '0')}`, issuedOn, dueOn, ...who }],
];

/** A one-line invoice charged and issued on `issuedOn`: three events. */
export const invoiced = (n: number, amount: number, issuedOn: string, dueOn: string): Entry[] => [
  charged(id('chg', n), id('inv', n), '99213', issuedOn, amount),
  ...issued(id('inv', n), n, issuedOn, dueOn, [id('chg', n)], amount, id('inv', 1000 + n)),
];

export const paid = (
  paymentId: string,
  method: 'cash' | 'card' | 'insurance',
  amount: number,
  on: string,
  allocations: readonly (readonly [string, number])[],
  credit = 0,
): Entry => [
  'PaymentReceived',
  {
    paymentId,
    method,
    amount: usd(amount),
    allocations: allocations.map(([invoiceId, a]) => ({ invoiceId, amount: usd(a) })),
    credit: usd(credit),
    reference: 'receipt 12',
    on,
    ...who,
  },
];

export const creditApplied = (invoiceId: string, on: string, from: readonly (readonly [string, number])[]): Entry => [
  'CreditApplied',
  {
    applicationId: `credit-${invoiceId}-${on}`,
    invoiceId,
    from: from.map(([paymentId, a]) => ({ paymentId, amount: usd(a) })),
    on,
    ...who,
  },
];

export const refunded = (
  refundId: string,
  paymentId: string,
  amount: number,
  on: string,
  fromCredit: number,
  released: readonly (readonly [string, number])[] = [],
): Entry => [
  'RefundIssued',
  {
    refundId,
    paymentId,
    amount: usd(amount),
    reason: 'Overpaid at the desk',
    fromCredit: usd(fromCredit),
    released: released.map(([invoiceId, a]) => ({ invoiceId, amount: usd(a) })),
    on,
    ...who,
  },
];

export const refundReversed = (refundId: string, on: string): Entry => [
  'RefundReversed',
  { refundId, reason: 'Transfer bounced', on, ...who },
];

export const adjusted = (
  adjustmentId: string,
  invoiceId: string,
  kind: 'credit' | 'debit',
  amount: number,
  on: string,
  released: readonly (readonly [string, number])[] = [],
): Entry => [
  'InvoiceAdjusted',
  {
    adjustmentId,
    invoiceId,
    kind,
    amount: usd(amount),
    reason: 'Courtesy discount',
    released: released.map(([paymentId, a]) => ({ paymentId, amount: usd(a) })),
    on,
    ...who,
  },
];

export const writtenOff = (writeOffId: string, invoiceId: string, amount: number, on: string): Entry => [
  'WrittenOff',
  { writeOffId, invoiceId, amount: usd(amount), reasonCode: 'small-balance', note: 'Not worth chasing', on, ...who },
];

export const writeOffReversed = (writeOffId: string, on: string): Entry => [
  'WriteOffReversed',
  { writeOffId, reason: 'Patient offered to pay', on, ...who },
];

export const voided = (invoiceId: string, redraftedAs: string, on: string): Entry => [
  'InvoiceVoided',
  { invoiceId, reason: 'Wrong patient', redraftedAs, on, ...who },
];

/**
 * One patient's first quarter: two invoices paid by card and cash, a refund released from the
 * second, a credit note, a write-off and its reversal, an overpayment left as credit, a refund of
 * it reversed, and a charge waiting for a price on the next draft.
 */
export const quarter: readonly Entry[] = [
  charged(id('chg', 1), id('inv', 1), '99213', '2026-01-05', 15_000),
  charged(id('chg', 2), id('inv', 1), '85025', '2026-01-05', 4_000),
  ...issued(id('inv', 1), 1, '2026-01-05', '2026-02-04', [id('chg', 1), id('chg', 2)], 19_000, id('inv', 2)),
  paid(id('pay', 1), 'card', 5_000, '2026-01-10', [[id('inv', 1), 5_000]]),
  charged(id('chg', 3), id('inv', 2), '99214', '2026-02-01', 10_000),
  ...issued(id('inv', 2), 2, '2026-02-01', '2026-03-03', [id('chg', 3)], 10_000, id('inv', 3)),
  paid(id('pay', 2), 'cash', 20_000, '2026-03-01', [
    [id('inv', 1), 14_000],
    [id('inv', 2), 6_000],
  ]),
  refunded(id('ref', 1), id('pay', 2), 3_000, '2026-03-05', 0, [[id('inv', 2), 3_000]]),
  adjusted(id('adj', 1), id('inv', 2), 'credit', 2_000, '2026-03-06'),
  writtenOff(id('wo', 1), id('inv', 2), 1_000, '2026-03-07'),
  writeOffReversed(id('wo', 1), '2026-03-08'),
  paid(id('pay', 3), 'card', 8_000, '2026-03-10', [[id('inv', 2), 5_000]], 3_000),
  refunded(id('ref', 2), id('pay', 3), 1_000, '2026-03-10', 1_000),
  refundReversed(id('ref', 2), '2026-03-11'),
  charged(id('chg', 4), id('inv', 3), '80053', '2026-03-12'),
];

/** A price set for a service code from a day on. */
export const feeSet = (code: string, amount: number, effectiveFrom: string, version: number): StoredEvent => ({
  id: `fee-${code}-${version}`,
  type: wireType(feeEvents, 'FeeSet'),
  streamId: feeStream(code),
  version,
  position: ++position,
  recordedAt: at,
  data: { code, description: `Service ${code}`, price: usd(amount), effectiveFrom, ...who },
  metadata: { actor: { id: CLERK, role: 'admin' }, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
});

export { PATIENT };
