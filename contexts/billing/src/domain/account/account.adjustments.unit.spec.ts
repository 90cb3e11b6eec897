import { expect } from 'chai';
import { MAX_MINOR } from '@hcms/shared-kernel';
import {
  AT,
  after,
  capture,
  CLERK,
  creditNote,
  creditOf,
  debit,
  DRAFT,
  eur,
  given,
  invoiced,
  ON,
  onlyEvent,
  openOf,
  pay,
  paymentIn,
  refusalOf,
  statusOf,
  text,
  twoInvoices,
  usd,
  voidInvoice,
  writeOff,
} from './account.fixtures.js';

/** A debit that brings the $150.00 invoiced to the largest amount an account records, give or take `delta`. */
const upToLargest = (delta: number) => usd(MAX_MINOR - 15000 + delta);

describe('Billing account', () => {
  describe('when an invoice is adjusted', () => {
    it('records a debit, which adds to what is owed', () => {
      given(invoiced)
        .when(debit('adjustment-1', usd(2000)))
        .then([
          {
            type: 'InvoiceAdjusted',
            data: {
              adjustmentId: 'adjustment-1',
              invoiceId: DRAFT,
              kind: 'debit',
              amount: usd(2000),
              reason: text('Supply not billed'),
              released: [],
              on: ON,
              by: CLERK,
              at: AT,
            },
          },
        ]);
      expect(openOf(after(invoiced, debit('adjustment-1', usd(2000))))).to.equal(17000);
    });
    it('reopens a paid invoice with a debit', () => {
      const paid = after(invoiced, pay('payment-1', usd(15000)));
      expect(statusOf(paid)).to.equal('paid');
      const debited = after(paid, debit('adjustment-1', usd(2000)));
      expect(statusOf(debited)).to.equal('partially-paid');
      expect(openOf(debited)).to.equal(2000);
    });
    it('takes a credit note off what is still owed, releasing nothing', () => {
      const partly = after(invoiced, pay('payment-1', usd(5000)));
      expect(onlyEvent(partly, creditNote('adjustment-1', usd(3000)), 'InvoiceAdjusted').released).to.deep.equal([]);
      expect(openOf(after(partly, creditNote('adjustment-1', usd(3000))))).to.equal(7000);
    });
    describe('with a credit note beyond what is still owed', () => {
      // $150.00 owed; $80.00 then $50.00 paid: $20.00 open. A $100.00 credit note gives $80.00 back.
      const paidTwice = after(invoiced, pay('payment-1', usd(8000)), pay('payment-2', usd(5000)));
      const credited = after(paidTwice, creditNote('adjustment-1', usd(10000)));
      it('releases the excess to its payments’ credit, the latest payment first', () =>
        expect(onlyEvent(paidTwice, creditNote('adjustment-1', usd(10000)), 'InvoiceAdjusted').released).to.deep.equal([
          { paymentId: 'payment-2', amount: usd(5000) },
          { paymentId: 'payment-1', amount: usd(3000) },
        ]));
      it('leaves the invoice owing nothing and the account in credit', () => {
        expect(openOf(credited)).to.equal(0);
        expect(statusOf(credited)).to.equal('paid');
        expect(creditOf(credited)).to.equal(8000);
      });
      it('keeps what each payment still pays', () => {
        expect(paymentIn(credited, 'payment-1')).to.deep.include({
          allocations: [{ invoiceId: DRAFT, amount: usd(5000) }],
          credit: usd(3000),
        });
        expect(paymentIn(credited, 'payment-2')).to.deep.include({ allocations: [], credit: usd(5000) });
      });
    });
    it('takes back everything the invoice bills', () =>
      expect(openOf(after(invoiced, creditNote('adjustment-1', usd(15000))))).to.equal(0));
    it('refuses a credit note beyond what the invoice bills with 422 EXCEEDS_INVOICE_TOTAL naming the field', () =>
      expect(refusalOf(invoiced, creditNote('adjustment-1', usd(15001)))).to.deep.include({
        kind: 'invariant',
        code: 'EXCEEDS_INVOICE_TOTAL',
        problems: [{ path: 'body.amount', rule: 'must be at most 15000 (what the invoice bills, in minor units)' }],
      }));
    it('counts earlier credit notes in what the invoice still bills', () =>
      given(after(invoiced, creditNote('adjustment-1', usd(10000))))
        .when(creditNote('adjustment-2', usd(5001)))
        .thenFails('EXCEEDS_INVOICE_TOTAL'));
    it('counts write-offs out of what the invoice still bills', () =>
      given(after(invoiced, writeOff('write-off-1', usd(5000))))
        .when(creditNote('adjustment-1', usd(10001)))
        .thenFails('EXCEEDS_INVOICE_TOTAL'));
    it('counts debits in what the invoice bills', () =>
      expect(openOf(after(invoiced, debit('adjustment-1', usd(2000)), creditNote('adjustment-2', usd(17000))))).to.equal(0));
    it('records nothing when the same adjustment is sent again', () =>
      given(after(invoiced, creditNote('adjustment-1', usd(1000))))
        .when(creditNote('adjustment-1', usd(1000)))
        .then([]));
    describe('under the id of another adjustment', () => {
      const adjusted = after(twoInvoices, creditNote('adjustment-1', usd(1000)));
      it('refuses another amount with 409 DUPLICATE_ID', () =>
        expect(refusalOf(adjusted, creditNote('adjustment-1', usd(2000)))).to.deep.include({
          kind: 'conflict',
          code: 'DUPLICATE_ID',
          details: { adjustmentId: 'adjustment-1' },
        }));
      it('refuses another kind with 409 DUPLICATE_ID', () =>
        expect(refusalOf(adjusted, debit('adjustment-1', usd(1000)))).to.include({ kind: 'conflict', code: 'DUPLICATE_ID' }));
      it('refuses another invoice with 409 DUPLICATE_ID', () =>
        expect(refusalOf(adjusted, creditNote('adjustment-1', usd(1000), 'invoice-a'))).to.include({
          kind: 'conflict',
          code: 'DUPLICATE_ID',
        }));
    });
    it('takes a debit up to the largest amount an account records, total and debits together', () =>
      expect(openOf(after(invoiced, debit('adjustment-1', upToLargest(-1000)), debit('adjustment-2', usd(1000))))).to.equal(MAX_MINOR));
    it('refuses a debit taking total and debits beyond the largest amount with 422 AMOUNT_TOO_LARGE naming the field', () =>
      expect(refusalOf(after(invoiced, debit('adjustment-1', upToLargest(-1000))), debit('adjustment-2', usd(1001)))).to.deep.include({
        kind: 'invariant',
        code: 'AMOUNT_TOO_LARGE',
        problems: [{ path: 'body.amount', rule: `must come to at most ${MAX_MINOR} minor units` }],
      }));
    it('bounds debits by the total and debits, whatever credit notes took back', () =>
      given(after(invoiced, creditNote('adjustment-1', usd(5000))))
        .when(debit('adjustment-2', upToLargest(1)))
        .thenFails('AMOUNT_TOO_LARGE'));
    it('refuses 0 with 422 AMOUNT_NOT_POSITIVE', () =>
      given(invoiced)
        .when(debit('adjustment-1', usd(0)))
        .thenFails('AMOUNT_NOT_POSITIVE'));
    it('refuses another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(invoiced, creditNote('adjustment-1', eur(100)))).to.deep.include({
        code: 'CURRENCY_MISMATCH',
        problems: [{ path: 'body.amount.currency', rule: 'must be USD' }],
      }));
    it('refuses a draft with 422 INVOICE_NOT_ISSUED', () =>
      given(after([], capture('charge-1', 15000)))
        .when(creditNote('adjustment-1', usd(100)))
        .thenFails('INVOICE_NOT_ISSUED'));
    it('refuses a voided invoice with 422 INVOICE_NOT_ISSUED', () =>
      given(after(invoiced, voidInvoice()))
        .when(debit('adjustment-1', usd(100)))
        .thenFails('INVOICE_NOT_ISSUED'));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      given(invoiced)
        .when(debit('adjustment-1', usd(100), 'invoice-9'))
        .thenFails('INVOICE_NOT_FOUND'));
  });
});
