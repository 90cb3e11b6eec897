import { formatMoney, type Money } from '@hcms/shared-kernel';
import type { BillingDocuments, InvoiceView, PatientOnDocument, StatementView } from '@hcms/projections';
import type { ClinicDetails, InvoiceDocument, StatementDocument } from './pdf/index.js';

/** A code as a reader says it: `partially-paid` → `Partially paid`. */
const label = (code: string): string => {
  const words = code.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const negative = (m: Money): Money => ({ amount: -m.amount, currency: m.currency });

const addressee = (patient: PatientOnDocument): InvoiceDocument['patient'] => ({
  name: patient.name,
  ...(patient.mrn ? { mrn: patient.mrn } : {}),
});

const RELEASED = { 'refund-release': 'Refunded', 'credit-note-release': 'Moved to credit' } as const;

/**
 * An invoice as printed. Money given back (a refund, a credit note turning payment into credit)
 * is listed with the payments, negative, so the figures printed add up to the amount due. A
 * write-off reversed is owed again and no longer listed. Reasons people wrote are not in the
 * read models (they are erased with the patient), so adjustments print none.
 */
export const invoiceDocument = (view: InvoiceView, patient: PatientOnDocument): InvoiceDocument => ({
  number: view.number ?? 'Draft',
  status: label(view.status),
  issuedOn: view.issuedOn ?? '',
  dueOn: view.dueOn ?? '',
  currency: view.total.currency,
  patient: addressee(patient),
  lines: view.lines.map((line) => ({
    serviceDate: line.serviceDate,
    code: line.code,
    description: line.quantity === 1 ? line.description : `${line.description} × ${line.quantity}`,
    amount: line.amount === undefined ? 'not priced' : formatMoney(line.amount),
  })),
  total: formatMoney(view.total),
  adjustments: view.adjustments.map((a) => ({ on: a.on, kind: a.kind, reason: '', amount: formatMoney(a.amount) })),
  payments: [
    ...view.payments.map((p) => ({ on: p.on, method: label(p.method), amount: formatMoney(p.amount) })),
    ...view.releases.map((r) => ({ on: r.on, method: RELEASED[r.kind], amount: formatMoney(negative(r.amount)) })),
  ].sort((a, b) => a.on.localeCompare(b.on)),
  writeOffs: view.writeOffs
    .filter((w) => w.reversedOn === undefined)
    .map((w) => ({ on: w.on, reason: label(w.reasonCode), amount: formatMoney(w.amount) })),
  amountDue: formatMoney(view.open),
});

/** A statement as printed; a refund reversed by its day did not happen and is not listed. */
export const statementDocument = (view: StatementView, patient: PatientOnDocument): StatementDocument => ({
  asOf: view.asOf,
  patient: addressee(patient),
  currency: view.currency,
  invoices: view.invoices.map((i) => ({
    number: i.number,
    issuedOn: i.issuedOn,
    dueOn: i.dueOn,
    total: formatMoney(i.total),
    open: formatMoney(i.open),
    status: label(i.status),
  })),
  payments: view.payments.map((p) => ({ on: p.on, method: label(p.method), amount: formatMoney(p.amount) })),
  refunds: view.refunds.filter((r) => !r.reversed).map((r) => ({ on: r.on, amount: formatMoney(r.amount) })),
  credit: formatMoney(view.credit),
  balanceDue: formatMoney(view.balanceDue),
});

// Loaded on the first document: every process composes this port, few ever print, and the
// renderer would add to each one's start.
const renderers = () => import('./pdf/index.js');

/** Billing's documents as PDFs headed by the clinic: the read side describes them, this lays them out. */
export const pdfDocuments = (clinic: ClinicDetails): BillingDocuments => ({
  invoicePdf: async (view, patient) => (await renderers()).invoicePdf(invoiceDocument(view, patient), clinic),
  statementPdf: async (view, patient) => (await renderers()).statementPdf(statementDocument(view, patient), clinic),
});
