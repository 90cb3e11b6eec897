import { expect } from 'chai';
import {
  AT,
  after,
  capture,
  CLERK,
  creditNote,
  creditOf,
  debit,
  DRAFT,
  DUE_ON,
  ENCOUNTER,
  eur,
  given,
  invoiced,
  invoiceIn,
  issue,
  NEXT_DRAFT,
  NUMBER,
  ON,
  onlyEvent,
  openOf,
  pay,
  paymentIn,
  priceCharge,
  REDRAFT,
  refund,
  refusalOf,
  rejectClaim,
  acceptClaim,
  stateAfter,
  statusOf,
  submitClaim,
  text,
  usd,
  voidCharge,
  voidInvoice,
  writeOff,
} from './account.fixtures.js';

/** $150.00 invoiced; an office visit's supply still waiting for a price. */
const withWaiting = after([], capture('charge-1', 15000), capture('charge-2'), issue());

describe('Billing account', () => {
  describe('when an invoice is issued', () => {
    it('numbers and dates the draft, freezing its priced charges and their total', () =>
      given(after([], capture('charge-1', 15000)))
        .when(issue())
        .then([
          {
            type: 'InvoiceIssued',
            data: {
              invoiceId: DRAFT,
              number: NUMBER,
              issuedOn: ON,
              dueOn: DUE_ON,
              chargeIds: ['charge-1'],
              total: usd(15000),
              nextDraftId: NEXT_DRAFT,
              by: CLERK,
              at: AT,
            },
          },
        ]));
    it('owes its total, status issued', () => {
      expect(openOf(invoiced)).to.equal(15000);
      expect(statusOf(invoiced)).to.equal('issued');
    });
    it('leaves unpriced charges off the invoice', () =>
      expect(onlyEvent(after([], capture('charge-1', 15000), capture('charge-2')), issue(), 'InvoiceIssued')).to.deep.include({
        chargeIds: ['charge-1'],
        total: usd(15000),
      }));
    it('moves unpriced charges to the encounter’s next draft', () => {
      const s = stateAfter(withWaiting);
      expect(s.charges['charge-2']?.invoiceId).to.equal(NEXT_DRAFT);
      expect(s.drafts[ENCOUNTER]).to.equal(NEXT_DRAFT);
      expect(s.invoices[NEXT_DRAFT]).to.deep.include({ status: 'draft', chargeIds: ['charge-2'] });
      expect(s.invoices[DRAFT]?.chargeIds).to.deep.equal(['charge-1']);
    });
    it('gathers the encounter’s later charges on the next draft too', () =>
      expect(onlyEvent(withWaiting, capture('charge-3', 800), 'ChargeCaptured').invoiceId).to.equal(NEXT_DRAFT));
    it('issues the next draft once its charge is priced', () =>
      expect(
        onlyEvent(after(withWaiting, priceCharge('charge-2', usd(900))), issue(NEXT_DRAFT, '2026-000002', 'invoice-9'), 'InvoiceIssued'),
      ).to.deep.include({ chargeIds: ['charge-2'], total: usd(900) }));
    it('does not carry voided charges to the next draft', () =>
      expect(stateAfter(after([], capture('charge-1', 15000), capture('charge-2'), voidCharge('charge-2'), issue())).drafts).to.deep.equal(
        {},
      ));
    it('records nothing when issued again under the same number', () => given(invoiced).when(issue()).then([]));
    it('refuses another number for an issued invoice with 409 INVOICE_NOT_DRAFT', () =>
      expect(refusalOf(invoiced, issue(DRAFT, '2026-000002'))).to.include({ kind: 'conflict', code: 'INVOICE_NOT_DRAFT' }));
    it('refuses a voided invoice with 409 INVOICE_NOT_DRAFT', () =>
      given(after(invoiced, voidInvoice())).when(issue()).thenFails('INVOICE_NOT_DRAFT'));
    it('refuses a draft with no priced charge with 422 NOTHING_TO_INVOICE', () =>
      expect(refusalOf(after([], capture('charge-1')), issue())).to.include({ kind: 'invariant', code: 'NOTHING_TO_INVOICE' }));
    it('refuses a draft whose charges were all voided with 422 NOTHING_TO_INVOICE', () =>
      given(after([], capture('charge-1', 15000), voidCharge('charge-1')))
        .when(issue())
        .thenFails('NOTHING_TO_INVOICE'));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      expect(refusalOf(invoiced, issue('invoice-9'))).to.include({ kind: 'not-found', code: 'INVOICE_NOT_FOUND' }));
  });

  describe('when an invoice is voided', () => {
    it('records why, and the draft its charges go back to', () =>
      given(invoiced)
        .when(voidInvoice())
        .then([
          {
            type: 'InvoiceVoided',
            data: { invoiceId: DRAFT, reason: text('Billed to the wrong patient'), redraftedAs: REDRAFT, on: ON, by: CLERK, at: AT },
          },
        ]));
    it('keeps its number, status voided', () =>
      expect(invoiceIn(after(invoiced, voidInvoice()))).to.deep.include({ status: 'voided', number: NUMBER }));
    it('puts its charges back on a draft of the encounter, counted in its total', () => {
      const s = stateAfter(after(invoiced, voidInvoice()));
      expect(s.charges['charge-1']?.invoiceId).to.equal(REDRAFT);
      expect(s.drafts[ENCOUNTER]).to.equal(REDRAFT);
      expect(s.invoices[REDRAFT]).to.deep.include({ status: 'draft', chargeIds: ['charge-1'], total: usd(15000) });
    });
    it('puts them on the encounter’s open draft when it has one', () => {
      expect(onlyEvent(withWaiting, voidInvoice(), 'InvoiceVoided').redraftedAs).to.equal(NEXT_DRAFT);
      expect(invoiceIn(after(withWaiting, voidInvoice()), NEXT_DRAFT)).to.deep.include({
        chargeIds: ['charge-2', 'charge-1'],
        total: usd(15000),
      });
    });
    it('lets the charges be invoiced again under a new number', () =>
      expect(onlyEvent(after(invoiced, voidInvoice()), issue(REDRAFT, '2026-000002', 'invoice-9'), 'InvoiceIssued')).to.deep.include({
        chargeIds: ['charge-1'],
        total: usd(15000),
      }));
    it('voids an invoice whose only payment was refunded', () =>
      expect(statusOf(after(invoiced, pay('payment-1', usd(5000)), refund('refund-1', 'payment-1', usd(5000)), voidInvoice()))).to.equal(
        'voided',
      ));
    it('voids an invoice whose claim was rejected', () =>
      expect(statusOf(after(invoiced, submitClaim(), rejectClaim(), voidInvoice()))).to.equal('voided'));
    it('records nothing when voided again', () => given(after(invoiced, voidInvoice())).when(voidInvoice()).then([]));
    it('refuses an invoice with a payment on it with 409 INVOICE_HAS_PAYMENTS', () =>
      expect(refusalOf(after(invoiced, pay('payment-1', usd(100))), voidInvoice())).to.include({
        kind: 'conflict',
        code: 'INVOICE_HAS_PAYMENTS',
      }));
    it('refuses an invoice with a write-off on it with 409 INVOICE_HAS_PAYMENTS', () =>
      given(after(invoiced, writeOff('write-off-1', usd(100))))
        .when(voidInvoice())
        .thenFails('INVOICE_HAS_PAYMENTS'));
    it('refuses an invoice whose claim is with the payer with 409 INVOICE_CLAIMED', () =>
      expect(refusalOf(after(invoiced, submitClaim()), voidInvoice())).to.include({ kind: 'conflict', code: 'INVOICE_CLAIMED' }));
    it('refuses an invoice whose claim was accepted with 409 INVOICE_CLAIMED', () =>
      given(after(invoiced, submitClaim(), acceptClaim()))
        .when(voidInvoice())
        .thenFails('INVOICE_CLAIMED'));
    it('refuses a draft with 422 INVOICE_NOT_ISSUED', () =>
      expect(refusalOf(after([], capture('charge-1', 15000)), voidInvoice())).to.include({
        kind: 'invariant',
        code: 'INVOICE_NOT_ISSUED',
      }));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      given(invoiced).when(voidInvoice('invoice-9')).thenFails('INVOICE_NOT_FOUND'));
  });

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
