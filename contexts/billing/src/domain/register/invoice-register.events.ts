import * as t from 'io-ts';
import { eventCodec, IsoDate, IsoDateTime } from '@hcms/shared-kernel';

/**
 * A number of the year's register (stream `invoiceRegister-<year>`) given to an invoice: the
 * event's version in the stream is the number, so numbers have no gaps and are never given twice.
 * It is taken for an invoice whose issue began on its account (`InvoiceIssueStarted`); a durable
 * reaction to that event finishes any issue interrupted, with this number, so every number ends on
 * an issued invoice.
 */
export const InvoiceNumberAssigned = eventCodec(
  'InvoiceNumberAssigned',
  t.type({ invoiceId: t.string, patientId: t.string, year: t.number, issuedOn: IsoDate, dueOn: IsoDate, by: t.string, at: IsoDateTime }),
);
export type InvoiceNumberAssigned = t.TypeOf<typeof InvoiceNumberAssigned>;
export const RegisterEvent = InvoiceNumberAssigned;
export type RegisterEvent = InvoiceNumberAssigned;

/** `2026-000042`: the year, then the sequence within it. */
export const invoiceNumber = (year: number, sequence: number): string => `${year}-${String(sequence).padStart(6, '0')}`;
