/**
 * What the renderers print, as plain text the caller prepares: amounts come already formatted
 * ("$150.00") because the billing context owns money and rounding, and a PDF that added figures
 * could disagree with the ledger.
 */
export interface InvoiceDocument {
  number: string;
  status: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  patient: { name: string; mrn?: string };
  lines: readonly { serviceDate: string; code: string; description: string; amount: string }[];
  total: string;
  adjustments: readonly { on: string; kind: 'credit' | 'debit'; reason: string; amount: string }[];
  payments: readonly { on: string; method: string; amount: string }[];
  writeOffs: readonly { on: string; reason: string; amount: string }[];
  amountDue: string;
}

export interface StatementDocument {
  asOf: string;
  patient: { name: string; mrn?: string };
  currency: string;
  invoices: readonly { number: string; issuedOn: string; dueOn: string; total: string; open: string; status: string }[];
  payments: readonly { on: string; method: string; amount: string }[];
  refunds: readonly { on: string; amount: string }[];
  credit: string;
  balanceDue: string;
}
