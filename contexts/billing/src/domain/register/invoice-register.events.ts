import * as t from 'io-ts';
import { eventCodec, IsoDate, IsoDateTime } from '@hcms/shared-kernel';

/**
 * A number of the year's register (stream `invoiceRegister-<year>`) given to an invoice: the
 * event's version in the stream is the number, so numbers have no gaps and are never given twice. The
 * invoice's account records the issue next; if that step is interrupted, a durable reaction to
 * this event completes it, so every number ends on an issued invoice.
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
