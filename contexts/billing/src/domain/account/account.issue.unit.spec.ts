import { expect } from 'chai';
import { MAX_MINOR, type IsoDate } from '@hcms/shared-kernel';
import {
  AT,
  after,
  capture,
  CLERK,
  DRAFT,
  DUE_ON,
  ENCOUNTER,
  given,
  invoiced,
  invoiceIn,
  NEXT_DRAFT,
  NUMBER,
  numberInvoice,
  ON,
  onlyEvent,
  openOf,
  pay,
  priceCharge,
  refusalOf,
  startIssue,
  stateAfter,
  statusOf,
  usd,
  voidCharge,
  voidInvoice,
} from './account.fixtures.js';

const drafted = after([], capture('charge-1', 15000));
/** $150.00 frozen and dated, waiting for its number. */
const issuing = after(drafted, startIssue());
/** $150.00 being issued; an office visit's supply still waiting for a price. */
const withWaiting = after([], capture('charge-1', 15000), capture('charge-2'), startIssue());

describe('Billing account', () => {
  describe('when an invoice’s issue starts', () => {
    it('dates the draft on the business day and freezes its priced charges and their total', () =>
      given(drafted)
        .when(startIssue())
        .then([
          {
            type: 'InvoiceIssueStarted',
            data: {
              invoiceId: DRAFT,
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
    it('dates it on the command’s business day', () =>
      expect(onlyEvent(drafted, { ...startIssue(), on: '2026-03-05' as IsoDate }, 'InvoiceIssueStarted').issuedOn).to.equal('2026-03-05'));
    it('leaves the invoice being issued, unnumbered, until its number comes', () => {
      expect(statusOf(issuing)).to.equal('issuing');
      expect(invoiceIn(issuing)).to.not.have.property('number');
      expect(openOf(after(issuing, numberInvoice()))).to.equal(15000);
    });
    it('leaves unpriced charges off the invoice', () =>
      expect(onlyEvent(after(drafted, capture('charge-2')), startIssue(), 'InvoiceIssueStarted')).to.deep.include({
        chargeIds: ['charge-1'],
        total: usd(15000),
      }));
    it('moves unpriced charges to the encounter’s next draft at once', () => {
      const s = stateAfter(withWaiting);
      expect(s.charges['charge-2']?.invoiceId).to.equal(NEXT_DRAFT);
      expect(s.drafts[ENCOUNTER]).to.equal(NEXT_DRAFT);
      expect(s.invoices[NEXT_DRAFT]).to.deep.include({ status: 'draft', chargeIds: ['charge-2'] });
      expect(s.invoices[DRAFT]?.chargeIds).to.deep.equal(['charge-1']);
    });
    it('gathers the encounter’s later charges on the next draft', () =>
      expect(onlyEvent(withWaiting, capture('charge-3', 800), 'ChargeCaptured').invoiceId).to.equal(NEXT_DRAFT));
    it('closes the encounter’s draft: a later charge opens a new one', () => {
      expect(stateAfter(issuing).drafts).to.deep.equal({});
      expect(onlyEvent(issuing, capture('charge-2', 800, { draftId: 'invoice-late' }), 'ChargeCaptured').invoiceId).to.equal(
        'invoice-late',
      );
    });
    it('issues the next draft once its charge is priced', () =>
      expect(
        onlyEvent(
          after(withWaiting, numberInvoice(), priceCharge('charge-2', usd(900))),
          startIssue(NEXT_DRAFT, 'invoice-9'),
          'InvoiceIssueStarted',
        ),
      ).to.deep.include({ chargeIds: ['charge-2'], total: usd(900) }));
    it('does not carry voided charges to the next draft', () =>
      expect(
        stateAfter(after([], capture('charge-1', 15000), capture('charge-2'), voidCharge('charge-2'), startIssue())).drafts,
      ).to.deep.equal({}));
    it('records nothing when started again while the invoice is being issued', () =>
      given(issuing).when(startIssue(DRAFT, 'invoice-9')).then([]));
    it('records nothing when started again once the invoice is issued', () => given(invoiced).when(startIssue()).then([]));
    it('issues a total of exactly the largest amount an account records', () =>
      expect(
        onlyEvent(
          after([], capture('charge-1', 60_000_000_000), capture('charge-2', MAX_MINOR - 60_000_000_000)),
          startIssue(),
          'InvoiceIssueStarted',
        ).total,
      ).to.deep.equal(usd(MAX_MINOR)));
    it('refuses a total beyond the largest amount an account records with 422 AMOUNT_TOO_LARGE', () =>
      expect(refusalOf(after([], capture('charge-1', 60_000_000_000), capture('charge-2', 50_000_000_000)), startIssue())).to.deep.include({
        kind: 'invariant',
        code: 'AMOUNT_TOO_LARGE',
        details: { max: MAX_MINOR },
      }));
    it('refuses a voided invoice with 409 INVOICE_NOT_DRAFT', () =>
      expect(refusalOf(after(invoiced, voidInvoice()), startIssue())).to.include({ kind: 'conflict', code: 'INVOICE_NOT_DRAFT' }));
    it('refuses a draft with no priced charge with 422 NOTHING_TO_INVOICE', () =>
      expect(refusalOf(after([], capture('charge-1')), startIssue())).to.include({ kind: 'invariant', code: 'NOTHING_TO_INVOICE' }));
    it('refuses a draft whose charges were all voided with 422 NOTHING_TO_INVOICE', () =>
      given(after(drafted, voidCharge('charge-1')))
        .when(startIssue())
        .thenFails('NOTHING_TO_INVOICE'));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      expect(refusalOf(drafted, startIssue('invoice-9'))).to.include({ kind: 'not-found', code: 'INVOICE_NOT_FOUND' }));
  });

  describe('when an invoice being issued is numbered', () => {
    it('issues it under the number, with the dates its issue started with', () =>
      given(issuing)
        .when(numberInvoice())
        .then([{ type: 'InvoiceIssued', data: { invoiceId: DRAFT, number: NUMBER, issuedOn: ON, dueOn: DUE_ON, by: CLERK, at: AT } }]));
    it('keeps the issue date of the start when the number comes another day', () =>
      expect(
        onlyEvent(
          after(drafted, { ...startIssue(), on: '2026-03-05' as IsoDate }),
          { ...numberInvoice(), on: '2026-03-06' as IsoDate },
          'InvoiceIssued',
        ).issuedOn,
      ).to.equal('2026-03-05'));
    it('owes its total, status issued, with its number and dates', () => {
      expect(openOf(invoiced)).to.equal(15000);
      expect(statusOf(invoiced)).to.equal('issued');
      expect(invoiceIn(invoiced)).to.deep.include({ number: NUMBER, issuedOn: ON, dueOn: DUE_ON, chargeIds: ['charge-1'] });
    });
    it('records nothing when numbered again under the same number', () => given(invoiced).when(numberInvoice()).then([]));
    it('records nothing when its number comes again after it was voided', () =>
      given(after(invoiced, voidInvoice())).when(numberInvoice()).then([]));
    it('refuses another number for an issued invoice with 409 INVOICE_NOT_DRAFT', () =>
      expect(refusalOf(invoiced, numberInvoice(DRAFT, '2026-000002'))).to.include({ kind: 'conflict', code: 'INVOICE_NOT_DRAFT' }));
    it('refuses another number for a voided invoice with 409 INVOICE_NOT_DRAFT', () =>
      given(after(invoiced, voidInvoice())).when(numberInvoice(DRAFT, '2026-000002')).thenFails('INVOICE_NOT_DRAFT'));
    it('refuses a draft whose issue has not started with 409 INVOICE_NOT_DRAFT', () =>
      expect(refusalOf(drafted, numberInvoice())).to.include({ kind: 'conflict', code: 'INVOICE_NOT_DRAFT' }));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      expect(refusalOf(issuing, numberInvoice('invoice-9'))).to.include({ kind: 'not-found', code: 'INVOICE_NOT_FOUND' }));
  });

  describe('while an invoice is being issued', () => {
    it('leaves it out of what a payment pays', () =>
      expect(onlyEvent(issuing, pay('payment-1', usd(5000)), 'PaymentReceived')).to.deep.include({ allocations: [], credit: usd(5000) }));
    it('refuses a payment’s share of it with 422 INVOICE_NOT_ISSUED', () =>
      given(issuing)
        .when(pay('payment-1', usd(5000), [[DRAFT, usd(5000)]]))
        .thenFails('INVOICE_NOT_ISSUED'));
    it('refuses to void it with 422 INVOICE_NOT_ISSUED', () =>
      expect(refusalOf(issuing, voidInvoice())).to.include({ kind: 'invariant', code: 'INVOICE_NOT_ISSUED' }));
    it('pays it once numbered', () =>
      expect(onlyEvent(after(issuing, numberInvoice()), pay('payment-1', usd(5000)), 'PaymentReceived').allocations).to.deep.equal([
        { invoiceId: DRAFT, amount: usd(5000) },
      ]));
  });
});
