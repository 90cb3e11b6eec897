import { toDomainEvent, wireType, type StoredEvent } from '@hcms/shared-kernel';
import { accountEvents, accountStream } from '@hcms/billing/contract';
import type { Projection } from '../runner/projection.js';

/** Where an issued invoice is: its patient's account. What it owes and its lines are read there. */
export interface InvoiceEntry {
  readonly invoiceId: string;
  readonly patientId: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly dueOn: string;
}

const ACCOUNT_PREFIX = accountStream('');
const ISSUED = wireType(accountEvents, 'InvoiceIssued');

const issued = (event: StoredEvent): InvoiceEntry | undefined => {
  if (event.type !== ISSUED || !event.streamId.startsWith(ACCOUNT_PREFIX)) return undefined;
  const e = toDomainEvent(accountEvents, event);
  if (e.type !== 'InvoiceIssued') return undefined;
  const { invoiceId, number, issuedOn, dueOn } = e.data;
  return { invoiceId, patientId: event.streamId.slice(ACCOUNT_PREFIX.length), number, issuedOn, dueOn };
};

/**
 * One document per issued invoice, so an invoice is found by its id alone (`GET /invoices/:id`).
 * Invoices live in their patient's account stream, and the runner keeps one stream version per
 * document: each document takes exactly one event, its invoice's `InvoiceIssued` (a number is
 * given once; a voided invoice's charges go to another draft, with another id). The runner first
 * folds the account's events before it, as for any gap (an account is a patient's visits: short),
 * and every one but an issue leaves the document as it is, so the last issue folded — this
 * invoice's — is what it holds, as a replay that applies only that event gets.
 */
export const billingInvoiceProjection: Projection<InvoiceEntry> = {
  name: 'billing-invoices',
  // Read by id only.
  indexes: [],
  documentOf: (event) => issued(event)?.invoiceId,
  evolve: (doc, event) => issued(event) ?? doc,
};
