import { expect } from 'chai';
import { pdfText } from '../../testing/pdf-text.js';
import type { ClinicDetails } from './clinic.js';
import type { InvoiceDocument, StatementDocument } from './documents.js';
import { invoicePdf } from './invoice-pdf.js';
import { statementPdf } from './statement-pdf.js';

const clinic: ClinicDetails = {
  name: 'Riverside Family Clinic',
  address: ['12 Harbour Road', 'Springfield 4021'],
  phone: '+1 555 0100',
  email: 'billing@riverside.test',
  taxId: 'TX-448812',
};

const invoice: InvoiceDocument = {
  number: 'INV-2026-00042',
  status: 'issued',
  issuedOn: '2026-03-02',
  dueOn: '2026-04-01',
  currency: 'USD',
  patient: { name: 'Ada Lovelace', mrn: 'MRN-000123' },
  lines: [
    { serviceDate: '2026-02-27', code: '99213', description: 'Office visit, established patient', amount: '$150.00' },
    { serviceDate: '2026-02-27', code: '85025', description: 'Complete blood count', amount: '$42.50' },
  ],
  total: '$192.50',
  adjustments: [{ on: '2026-03-05', kind: 'credit', reason: 'Duplicate lab charge', amount: '$10.00' }],
  payments: [{ on: '2026-03-10', method: 'card', amount: '$100.00' }],
  writeOffs: [{ on: '2026-03-12', reason: 'small-balance', amount: '$0.50' }],
  amountDue: '$82.00',
};

const statement: StatementDocument = {
  asOf: '2026-03-31',
  patient: { name: 'Ada Lovelace', mrn: 'MRN-000123' },
  currency: 'USD',
  invoices: [
    { number: 'INV-2026-00042', issuedOn: '2026-03-02', dueOn: '2026-04-01', total: '$192.50', open: '$82.00', status: 'issued' },
    { number: 'INV-2026-00057', issuedOn: '2026-03-20', dueOn: '2026-04-19', total: '$75.00', open: '$75.00', status: 'issued' },
  ],
  payments: [{ on: '2026-03-10', method: 'card', amount: '$100.00' }],
  refunds: [{ on: '2026-03-15', amount: '$20.00' }],
  credit: '$0.00',
  balanceDue: '$157.00',
};

describe('Billing PDFs (read back with pdftotext)', function () {
  this.timeout(30_000);

  describe('an invoice', () => {
    it('shows the clinic, the patient, the dates, every line and the amounts', async () => {
      const text = await pdfText(await invoicePdf(invoice, clinic));
      for (const expected of [
        'Riverside Family Clinic',
        '12 Harbour Road',
        'TX-448812',
        'Invoice INV-2026-00042',
        'Ada Lovelace',
        'MRN-000123',
        '2026-03-02',
        '2026-04-01',
        '99213',
        'Office visit, established patient',
        '85025',
        'Complete blood count',
        '$150.00',
        '$192.50',
        'Credit note',
        'Duplicate lab charge',
        '$100.00',
        'small-balance',
      ])
        expect(text).to.include(expected);
      expect(text).to.match(/Total\s+\$192\.50/);
      expect(text).to.match(/Amount due\s+\$82\.00/);
      expect(text).not.to.include('VOID');
    });

    it('marks a voided invoice VOID', async () => {
      const text = await pdfText(await invoicePdf({ ...invoice, status: 'voided', payments: [], writeOffs: [] }, clinic));
      expect(text).to.include('VOID: this invoice was voided and is not payable.');
    });

    it('carries a long invoice over pages, every line printed', async () => {
      const lines = Array.from({ length: 80 }, (_, i) => ({
        serviceDate: '2026-02-27',
        code: `C${1000 + i}`,
        description: `Service ${i}`,
        amount: '$1.00',
      }));
      const text = await pdfText(await invoicePdf({ ...invoice, lines }, clinic));
      expect(text)
        .to.include('C1000')
        .and.include('C1079')
        .and.match(/page 2 of \d/);
    });

    it('renders the same invoice to the same bytes', async () => {
      const [first, second] = [await invoicePdf(invoice, clinic), await invoicePdf(invoice, clinic)];
      expect(await pdfText(first)).to.equal(await pdfText(second));
      expect(first.equals(second)).to.equal(true);
    });
  });

  // DejaVu Sans covers these scripts; CJK, Arabic, Hebrew and Indic names are not covered yet
  // (CJK needs a font of several megabytes, the joining scripts need shaping as well).
  describe('a patient named in another script', () => {
    const names = ['Nguyễn Văn An', 'Анна Петрова', 'Γιώργος Παπαδόπουλος'];

    for (const name of names)
      it(`prints ${name} on the invoice and the statement as written`, async () => {
        const patient = { name, mrn: 'MRN-000123' };
        expect(await pdfText(await invoicePdf({ ...invoice, patient }, clinic))).to.include(`Patient: ${name}`);
        expect(await pdfText(await statementPdf({ ...statement, patient }, clinic))).to.include(`Patient: ${name}`);
      });

    it('prints a name that arrives decomposed as its composed letters', async () => {
      const patient = { name: 'Nguyễn Văn An'.normalize('NFD') };
      expect(await pdfText(await invoicePdf({ ...invoice, patient }, clinic))).to.include('Patient: Nguyễn Văn An');
    });

    it('renders the same bytes each time, embedded font subsets included', async () => {
      const patient = { name: names.join(' ') };
      const [first, second] = [await invoicePdf({ ...invoice, patient }, clinic), await invoicePdf({ ...invoice, patient }, clinic)];
      expect(first.equals(second)).to.equal(true);
    });
  });

  describe('an account statement', () => {
    it('lists each invoice with its dates, total and open amount, then the money moved and the balance', async () => {
      const text = await pdfText(await statementPdf(statement, clinic));
      for (const expected of ['Riverside Family Clinic', 'Statement as of 2026-03-31', 'Ada Lovelace', 'MRN-000123', '$20.00'])
        expect(text).to.include(expected);
      expect(text).to.match(/INV-2026-00042\s+2026-03-02\s+2026-04-01\s+issued\s+\$192\.50\s+\$82\.00/);
      expect(text).to.match(/INV-2026-00057\s+2026-03-20\s+2026-04-19\s+issued\s+\$75\.00\s+\$75\.00/);
      expect(text).to.match(/2026-03-10\s+card\s+\$100\.00/);
      expect(text).to.match(/Credit balance\s+\$0\.00/);
      expect(text).to.match(/Balance due\s+\$157\.00/);
    });

    it('renders the same statement to the same bytes', async () => {
      const [first, second] = [await statementPdf(statement, clinic), await statementPdf(statement, clinic)];
      expect(await pdfText(first)).to.equal(await pdfText(second));
      expect(first.equals(second)).to.equal(true);
    });
  });
});
