import type { ClinicDetails } from './clinic.js';
import type { StatementDocument } from './documents.js';
import { clinicHeader, pageFooter, patientLines, section, styles, summary } from './layout.js';
import { renderPdf } from './render-pdf.js';

/** An account statement: every invoice still on the account, the money that came and went, the balance. */
export const statementPdf = (statement: StatementDocument, clinic: ClinicDetails): Promise<Buffer> =>
  renderPdf(
    {
      footer: pageFooter(`Statement as of ${statement.asOf}`),
      styles,
      content: [
        clinicHeader(clinic),
        { text: `Statement as of ${statement.asOf}`, style: 'title' },
        ...patientLines(statement.patient),
        { text: `Amounts in ${statement.currency}`, style: 'muted' },
        ...section(
          'Invoices',
          [
            { header: 'Invoice', width: '*' },
            { header: 'Issued', width: 70 },
            { header: 'Due', width: 70 },
            { header: 'Status', width: 60 },
            { header: 'Total', width: 70, amount: true },
            { header: 'Open', width: 70, amount: true },
          ],
          statement.invoices.map((i) => [i.number, i.issuedOn, i.dueOn, i.status, i.total, i.open]),
        ),
        ...section(
          'Payments',
          [
            { header: 'Date', width: 80 },
            { header: 'Method', width: '*' },
            { header: 'Amount', width: 80, amount: true },
          ],
          statement.payments.map((p) => [p.on, p.method, p.amount]),
        ),
        ...section(
          'Refunds',
          [
            { header: 'Date', width: '*' },
            { header: 'Amount', width: 80, amount: true },
          ],
          statement.refunds.map((r) => [r.on, r.amount]),
        ),
        summary([
          ['Credit balance', statement.credit],
          ['Balance due', statement.balanceDue],
        ]),
      ],
    },
    `Statement as of ${statement.asOf}`,
    statement.asOf,
  );
