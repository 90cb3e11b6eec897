import { expect } from 'chai';
import {
  AT,
  after,
  capture,
  CLERK,
  creditNote,
  debit,
  DRAFT,
  ENCOUNTER,
  given,
  invoiced,
  invoiceIn,
  issue,
  NEXT_DRAFT,
  NUMBER,
  ON,
  onlyEvent,
  pay,
  REDRAFT,
  refund,
  refusalOf,
  rejectClaim,
  acceptClaim,
  startIssue,
  stateAfter,
  statusOf,
  submitClaim,
  text,
  usd,
  voidInvoice,
  writeOff,
} from './account.fixtures.js';

/** $150.00 invoiced; an office visit's supply still waiting for a price. */
const withWaiting = after([], capture('charge-1', 15000), capture('charge-2'), issue());

describe('Billing account', () => {
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
    it('lets the charges be invoiced again under a new number', () => {
      expect(onlyEvent(after(invoiced, voidInvoice()), startIssue(REDRAFT, 'invoice-9'), 'InvoiceIssueStarted')).to.deep.include({
        chargeIds: ['charge-1'],
        total: usd(15000),
      });
      expect(invoiceIn(after(invoiced, voidInvoice(), issue(REDRAFT, '2026-000002', 'invoice-9')), REDRAFT)).to.deep.include({
        status: 'issued',
        number: '2026-000002',
      });
    });
    it('voids an invoice whose only payment was refunded', () =>
      expect(statusOf(after(invoiced, pay('payment-1', usd(5000)), refund('refund-1', 'payment-1', usd(5000)), voidInvoice()))).to.equal(
        'voided',
      ));
    it('voids an invoice whose claim was rejected', () =>
      expect(statusOf(after(invoiced, submitClaim(), rejectClaim(), voidInvoice()))).to.equal('voided'));
    it('records nothing when voided again', () => given(after(invoiced, voidInvoice())).when(voidInvoice()).then([]));
    it('refuses an invoice with a credit note on it with 409 INVOICE_ADJUSTED', () =>
      expect(refusalOf(after(invoiced, creditNote('adjustment-1', usd(1000))), voidInvoice())).to.deep.include({
        kind: 'conflict',
        code: 'INVOICE_ADJUSTED',
        details: { invoiceId: DRAFT },
      }));
    it('refuses an invoice with a debit adjustment on it with 409 INVOICE_ADJUSTED', () =>
      given(after(invoiced, debit('adjustment-1', usd(1000))))
        .when(voidInvoice())
        .thenFails('INVOICE_ADJUSTED'));
    it('refuses an invoice credited in full with 409 INVOICE_ADJUSTED', () =>
      given(after(invoiced, creditNote('adjustment-1', usd(15000))))
        .when(voidInvoice())
        .thenFails('INVOICE_ADJUSTED'));
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
});
