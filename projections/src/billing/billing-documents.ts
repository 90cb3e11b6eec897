import type { InvoiceView } from './invoice-view.js';
import type { StatementView } from './statement.js';

/** Who a document is addressed to, from the patient's chart when it is asked for. */
export interface PatientOnDocument {
  readonly name: string;
  readonly mrn: string;
}

/**
 * Renders Billing's documents (PDF). The query side only describes them, in money as the ledger
 * holds it: the adapter formats amounts and lays them out, so the read side imports no renderer.
 * For an auditor's `view` to match what was sent, the same input must give the same bytes.
 */
export interface BillingDocuments {
  invoicePdf(invoice: InvoiceView, patient: PatientOnDocument): Promise<Buffer>;
  statementPdf(statement: StatementView, patient: PatientOnDocument): Promise<Buffer>;
}

/** What Billing's queries need of the installation besides the read models. */
export interface BillingReadPorts {
  readonly documents?: BillingDocuments;
  /** The installation's currency (ISO 4217): what an empty account or report counts in. */
  readonly currency: string;
  /** The clinic's business day of an instant (its own time zone): a report's default day. */
  readonly dateOf: (instant: string) => string;
}

/** Until the installation wires its own: UTC days, US dollars, no renderer (a PDF is a 503). */
export const defaultBillingPorts: BillingReadPorts = {
  currency: 'USD',
  dateOf: (instant) => instant.slice(0, 10),
};
