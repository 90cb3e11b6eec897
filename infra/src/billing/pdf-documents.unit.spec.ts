import { expect } from 'chai';
import type { Money } from '@hcms/shared-kernel';
import type { InvoiceView, StatementView } from '@hcms/projections';
import { invoiceDocument, statementDocument } from './pdf-documents.js';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const patient = { name: 'Ada Lovelace', mrn: 'MRN-000123' };

const invoice: InvoiceView = {
  invoiceId: 'i1',
  patientId: 'p1',
  status: 'partially-paid',
  number: '2026-000042',
  issuedOn: '2026-03-02',
  dueOn: '2026-04-01',
  lines: [
    { chargeId: 'c1', code: '99213', description: 'Office visit', serviceDate: '2026-02-27', quantity: 1, amount: usd(15000) },
    { chargeId: 'c2', code: '2345-7', description: 'Glucose', serviceDate: '2026-02-27', quantity: 2, amount: usd(6000) },
  ],
  total: usd(21000),
  debits: usd(0),
  credits: usd(1000),
  paid: usd(8000),
  writtenOff: usd(500),
  open: usd(11500),
  adjustments: [{ adjustmentId: 'a1', on: '2026-03-05', kind: 'credit', amount: usd(1000) }],
  payments: [{ paymentId: 'pay1', on: '2026-03-10', method: 'card', amount: usd(10000) }],
  releases: [{ on: '2026-03-11', kind: 'refund-release', amount: usd(2000) }],
  writeOffs: [
    { writeOffId: 'w1', on: '2026-03-12', reasonCode: 'small-balance', amount: usd(500) },
    { writeOffId: 'w2', on: '2026-03-12', reasonCode: 'bad-debt', amount: usd(3000), reversedOn: '2026-03-13' },
  ],
  movements: [],
  claimIds: [],
};

describe('Billing documents as printed', () => {
  describe('an invoice', () => {
    const printed = invoiceDocument(invoice, patient);

    it('formats every amount in the currency, as the ledger holds it', () => {
      expect(printed).to.deep.include({ total: '$210.00', amountDue: '$115.00', currency: 'USD', status: 'Partially paid' });
      expect(printed.lines.map((l) => [l.description, l.amount])).to.deep.equal([
        ['Office visit', '$150.00'],
        ['Glucose × 2', '$60.00'],
      ]);
    });

    it('lists money given back with the payments, negative, and no reversed write-off, so the figures add up', () => {
      expect(printed.payments).to.deep.equal([
        { on: '2026-03-10', method: 'Card', amount: '$100.00' },
        { on: '2026-03-11', method: 'Refunded', amount: '-$20.00' },
      ]);
      expect(printed.writeOffs).to.deep.equal([{ on: '2026-03-12', reason: 'Small balance', amount: '$5.00' }]);
    });

    it('names a draft as such, and an unpriced line as not priced', () => {
      const { number: _number, issuedOn: _issued, dueOn: _due, ...rest } = invoice;
      const unpriced = { chargeId: 'c3', code: '99000', description: 'Handling', serviceDate: '2026-02-27', quantity: 1 };
      const draft = invoiceDocument({ ...rest, status: 'draft', lines: [unpriced] }, { name: 'Ada Lovelace', mrn: '' });
      expect(draft).to.deep.include({ number: 'Draft', issuedOn: '', status: 'Draft', patient: { name: 'Ada Lovelace' } });
      expect(draft.lines[0]?.amount).to.equal('not priced');
    });
  });

  it('prints a statement without the refunds reversed by its day', () => {
    const statement: StatementView = {
      patientId: 'p1',
      asOf: '2026-03-31',
      currency: 'EUR',
      invoices: [
        {
          invoiceId: 'i1',
          number: '2026-000042',
          issuedOn: '2026-03-02',
          dueOn: '2026-04-01',
          status: 'issued',
          total: { amount: 7500, currency: 'EUR' },
          open: { amount: 7500, currency: 'EUR' },
        },
      ],
      payments: [],
      refunds: [
        { refundId: 'r1', paymentId: 'pay1', on: '2026-03-15', amount: { amount: 2000, currency: 'EUR' }, reversed: true },
        { refundId: 'r2', paymentId: 'pay1', on: '2026-03-16', amount: { amount: 1000, currency: 'EUR' }, reversed: false },
      ],
      credit: { amount: 0, currency: 'EUR' },
      balanceDue: { amount: 7500, currency: 'EUR' },
    };
    const printed = statementDocument(statement, patient);
    expect(printed.refunds).to.deep.equal([{ on: '2026-03-16', amount: '€10.00' }]);
    expect(printed).to.deep.include({ balanceDue: '€75.00', credit: '€0.00' });
    expect(printed.invoices[0]).to.deep.include({ status: 'Issued', total: '€75.00' });
  });
});
