export type { ClinicDetails } from './clinic.js';
export type { InvoiceDocument, StatementDocument } from './documents.js';
export { invoicePdf } from './invoice-pdf.js';
export { statementPdf } from './statement-pdf.js';
