import type { Content } from 'pdfmake/interfaces.js';
import type { ClinicDetails } from './clinic.js';
import type { InvoiceDocument } from './documents.js';
import { clinicHeader, pageFooter, patientLines, section, styles, summary, table } from './layout.js';
import { renderPdf } from './render-pdf.js';

const voided = (status: string): boolean => /^void(ed)?$/i.test(status);

const details = (invoice: InvoiceDocument): Content[] => [
  ...patientLines(invoice.patient),
  { text: [{ text: 'Issued: ', bold: true }, invoice.issuedOn] },
  { text: [{ text: 'Due: ', bold: true }, invoice.dueOn] },
  { text: [{ text: 'Status: ', bold: true }, invoice.status] },
  { text: `Amounts in ${invoice.currency}`, style: 'muted' },
];

// A voided invoice keeps its number and may still be printed, so it must not read as payable.
const voidNotice = (invoice: InvoiceDocument): Content[] =>
  voided(invoice.status)
    ? [{ text: 'VOID: this invoice was voided and is not payable.', bold: true, color: '#b00020', margin: [0, 8, 0, 0] }]
    : [];

/** An A4 invoice: what was charged, what changed it since, and what is still owed. */
export const invoicePdf = (invoice: InvoiceDocument, clinic: ClinicDetails): Promise<Buffer> =>
  renderPdf(
    {
      ...(voided(invoice.status) ? { watermark: { text: 'VOID', color: '#b00020', opacity: 0.15, bold: true } } : {}),
      footer: pageFooter(`Invoice ${invoice.number}`),
      styles,
      content: [
        clinicHeader(clinic),
        { text: `Invoice ${invoice.number}`, style: 'title' },
        ...details(invoice),
        ...voidNotice(invoice),
        { text: 'Services', style: 'section' },
        table(
          [
            { header: 'Date of service', width: 80 },
            { header: 'Code', width: 60 },
            { header: 'Description', width: '*' },
            { header: 'Amount', width: 80, amount: true },
          ],
          invoice.lines.map((l) => [l.serviceDate, l.code, l.description, l.amount]),
        ),
        summary([['Total', invoice.total]]),
        ...section(
          'Adjustments',
          [
            { header: 'Date', width: 80 },
            { header: 'Kind', width: 70 },
            { header: 'Reason', width: '*' },
            { header: 'Amount', width: 80, amount: true },
          ],
          invoice.adjustments.map((a) => [a.on, a.kind === 'credit' ? 'Credit note' : 'Debit note', a.reason, a.amount]),
        ),
        ...section(
          'Payments',
          [
            { header: 'Date', width: 80 },
            { header: 'Method', width: '*' },
            { header: 'Amount', width: 80, amount: true },
          ],
          invoice.payments.map((p) => [p.on, p.method, p.amount]),
        ),
        ...section(
          'Write-offs',
          [
            { header: 'Date', width: 80 },
            { header: 'Reason', width: '*' },
            { header: 'Amount', width: 80, amount: true },
          ],
          invoice.writeOffs.map((w) => [w.on, w.reason, w.amount]),
        ),
        summary([['Amount due', invoice.amountDue]]),
      ],
    },
    `Invoice ${invoice.number}`,
    invoice.issuedOn,
  );
