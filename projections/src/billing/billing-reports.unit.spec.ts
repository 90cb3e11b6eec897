import { expect } from 'chai';
import { plus, zero } from '@hcms/shared-kernel';
import { fold } from '../encounters/encounter.fixtures.js';
import { agingReport, bucketOf } from './aging.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { billingAccountProjection } from './billing-account.projection.js';
import { accountLog, id, invoiced, paid, PATIENT, quarter, refunded, refundReversed, usd, type Entry } from './billing.fixtures.js';
import { statementOf } from './statement.js';
import { takingsReport } from './takings.js';

const OTHER = '0190f5c2-0000-7000-8000-00000000000b';
const accountOf = (patientId: string, events: readonly Entry[]): BillingAccountDoc => {
  const doc = fold(billingAccountProjection, accountLog(patientId, events));
  if (!doc) throw new Error('no account');
  return doc;
};

const AS_OF = '2026-06-30';
/** Invoices of 100.00 each, `n` due `dueOn`: days past due at the end of 30 June in the comment. */
const aging = accountOf(PATIENT, [
  ...invoiced(1, 10_000, '2026-05-01', '2026-05-31'), // 30
  ...invoiced(2, 10_000, '2026-04-30', '2026-05-30'), // 31
  ...invoiced(3, 10_000, '2026-04-01', '2026-05-01'), // 60
  ...invoiced(4, 10_000, '2026-03-31', '2026-04-30'), // 61
  ...invoiced(5, 10_000, '2026-03-02', '2026-04-01'), // 90
  ...invoiced(6, 10_000, '2026-03-01', '2026-03-31'), // 91
  ...invoiced(7, 10_000, '2026-06-15', '2026-07-15'), // not yet due
  ...invoiced(8, 10_000, '2026-07-01', '2026-07-31'), // issued after
  ...invoiced(9, 10_000, '2026-05-01', '2026-05-31'), // paid on the 15th
  paid(id('pay', 9), 'card', 10_000, '2026-06-15', [[id('inv', 9), 10_000]]),
]);
/** Paid in part after the day: as of it, still owing in full. */
const paidAfter = accountOf(OTHER, [
  ...invoiced(10, 25_050, '2026-01-10', '2026-02-09'), // 141
  paid(id('pay', 10), 'cash', 20_000, '2026-07-02', [[id('inv', 10), 20_000]]),
]);

describe("Billing's reports", () => {
  describe('the aging of what is owed', () => {
    const report = agingReport([paidAfter, aging], AS_OF, 'USD', 42);

    it('puts each invoice in the bucket of its days past due, the boundaries 30/31, 60/61, 90/91 included', () => {
      expect([30, 31, 60, 61, 90, 91, -15].map(bucketOf)).to.deep.equal(['0-30', '31-60', '31-60', '61-90', '61-90', '90+', '0-30']);
      const mine = report.patients.find((p) => p.patientId === PATIENT);
      expect(mine?.invoices.map((i) => [i.number, i.daysPastDue, i.bucket])).to.deep.equal([
        ['2026-000001', 30, '0-30'],
        ['2026-000002', 31, '31-60'],
        ['2026-000003', 60, '31-60'],
        ['2026-000004', 61, '61-90'],
        ['2026-000005', 90, '61-90'],
        ['2026-000006', 91, '90+'],
        ['2026-000007', -15, '0-30'],
      ]);
    });

    it('leaves out what was issued after the day and what was paid by then; ignores a payment after it', () => {
      const other = report.patients.find((p) => p.patientId === OTHER);
      expect(other?.invoices.map((i) => [i.number, i.open, i.bucket])).to.deep.equal([['2026-000010', usd(25_050), '90+']]);
      expect(agingReport([paidAfter], '2026-07-02', 'USD', 42).total).to.deep.equal(usd(5_050));
    });

    it('totals each bucket and counts its invoices; the grand total is the sum of the buckets, to the cent', () => {
      expect(report.buckets).to.deep.equal([
        { bucket: '0-30', count: 2, total: usd(20_000) },
        { bucket: '31-60', count: 2, total: usd(20_000) },
        { bucket: '61-90', count: 2, total: usd(20_000) },
        { bucket: '90+', count: 2, total: usd(35_050) },
      ]);
      expect(report.total).to.deep.equal(report.buckets.reduce((t, b) => plus(t, b.total), zero('USD')));
      expect([report.total, report.count]).to.deep.equal([usd(95_050), 8]);
      expect(report.patients.map((p) => [p.patientId, p.total, p.buckets['90+']])).to.deep.equal([
        [PATIENT, usd(70_000), usd(10_000)],
        [OTHER, usd(25_050), usd(25_050)],
      ]);
    });
  });

  describe("a day's takings", () => {
    const patient = accountOf(PATIENT, quarter);
    const other = accountOf(OTHER, [
      ...invoiced(20, 7_500, '2026-03-01', '2026-03-31'),
      paid(id('pay', 20), 'cash', 2_500, '2026-03-10', [[id('inv', 20), 2_500]]),
      paid(id('pay', 21), 'insurance', 5_000, '2026-03-10', [[id('inv', 20), 5_000]]),
      refunded(id('ref', 20), id('pay', 20), 500, '2026-03-11', 0, [[id('inv', 20), 500]]),
      refundReversed(id('ref', 20), '2026-03-11'),
    ]);

    it('are the money received by method, less the refunds issued that day', () => {
      const report = takingsReport([patient, other], '2026-03-10', 'USD', 42);
      expect(report.methods.map((m) => [m.method, m.payments, m.received, m.refunded, m.net])).to.deep.equal([
        ['cash', 1, usd(2_500), usd(0), usd(2_500)],
        ['card', 1, usd(8_000), usd(1_000), usd(7_000)],
        ['insurance', 1, usd(5_000), usd(0), usd(5_000)],
      ]);
      expect(report.totals).to.deep.equal({
        received: usd(15_500),
        refunded: usd(1_000),
        reversed: usd(0),
        refundedNet: usd(1_000),
        net: usd(14_500),
      });
    });

    it('take a refund reversed that day back off the refunds, by the method of its payment', () => {
      const report = takingsReport([patient, other], '2026-03-11', 'USD', 42);
      expect(report.methods.map((m) => [m.method, m.refunded, m.reversed, m.net])).to.deep.equal([
        ['cash', usd(500), usd(500), usd(0)],
        ['card', usd(0), usd(1_000), usd(1_000)],
        ['insurance', usd(0), usd(0), usd(0)],
      ]);
      expect(report.totals.net).to.deep.equal(usd(1_000));
    });
  });

  describe("a patient's statement", () => {
    const patient = accountOf(PATIENT, quarter);

    it('shows the invoices issued by the day with what each owed then, the payments and refunds up to it', () => {
      const statement = statementOf(patient, '2026-03-06', 'USD');
      expect(statement.invoices.map((i) => [i.number, i.status, i.total, i.open])).to.deep.equal([
        ['2026-000001', 'paid', usd(19_000), usd(0)],
        ['2026-000002', 'partially-paid', usd(10_000), usd(5_000)],
      ]);
      expect(statement.payments.map((p) => [p.method, p.amount])).to.deep.equal([
        ['card', usd(5_000)],
        ['cash', usd(20_000)],
      ]);
      expect(statement.refunds.map((r) => [r.refundId, r.amount, r.reversed])).to.deep.equal([[id('ref', 1), usd(3_000), false]]);
      expect([statement.credit, statement.balanceDue]).to.deep.equal([usd(0), usd(5_000)]);
    });

    it('shows a refund reversed by the day as reversed, and the credit it gave back', () => {
      const statement = statementOf(patient, '2026-03-11', 'USD');
      expect(statement.refunds.map((r) => [r.refundId, r.reversed])).to.deep.equal([
        [id('ref', 1), false],
        [id('ref', 2), true],
      ]);
      expect([statement.credit, statement.balanceDue]).to.deep.equal([usd(3_000), usd(0)]);
    });

    it('is empty before the first invoice', () => {
      expect(statementOf(patient, '2026-01-04', 'USD')).to.deep.include({ invoices: [], payments: [], balanceDue: usd(0) });
    });
  });
});
