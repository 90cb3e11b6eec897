import { expect } from 'chai';
import {
  AT,
  after,
  capture,
  CLERK,
  creditOf,
  DRAFT,
  DUE_ON,
  eur,
  given,
  invoiced,
  issue,
  ON,
  onlyEvent,
  OTHER_ENCOUNTER,
  pay,
  refusalOf,
  stateAfter,
  statusOf,
  twoInvoices,
  usd,
} from './account.fixtures.js';

describe('Billing account', () => {
  describe('when a payment is received', () => {
    it('pays the invoice due first, then the next, when nobody says which', () =>
      given(twoInvoices)
        .when(pay('payment-1', usd(12000)))
        .then([
          {
            type: 'PaymentReceived',
            data: {
              paymentId: 'payment-1',
              method: 'card',
              amount: usd(12000),
              allocations: [
                { invoiceId: 'invoice-a', amount: usd(5000) },
                { invoiceId: DRAFT, amount: usd(7000) },
              ],
              credit: usd(0),
              on: ON,
              by: CLERK,
              at: AT,
            },
          },
        ]));
    it('pays the lower number first among invoices due the same day', () => {
      const sameDay = after(
        [],
        capture('charge-1', 10000),
        issue(DRAFT, '2026-000002'),
        capture('charge-2', 5000, { group: OTHER_ENCOUNTER, draftId: 'invoice-a' }),
        issue('invoice-a', '2026-000001', 'invoice-b', DUE_ON),
      );
      expect(onlyEvent(sameDay, pay('payment-1', usd(3000)), 'PaymentReceived').allocations).to.deep.equal([
        { invoiceId: 'invoice-a', amount: usd(3000) },
      ]);
    });
    it('keeps what is paid beyond every open balance as the account’s credit', () => {
      expect(onlyEvent(invoiced, pay('payment-1', usd(20000)), 'PaymentReceived')).to.deep.include({
        allocations: [{ invoiceId: DRAFT, amount: usd(15000) }],
        credit: usd(5000),
      });
      const overpaid = after(invoiced, pay('payment-1', usd(20000)));
      expect(statusOf(overpaid)).to.equal('paid');
      expect(creditOf(overpaid)).to.equal(5000);
    });
    it('keeps it all as credit when nothing is owed', () =>
      expect(onlyEvent(after([], capture('charge-1', 15000)), pay('payment-1', usd(5000)), 'PaymentReceived')).to.deep.include({
        allocations: [],
        credit: usd(5000),
      }));
    it('fixes a new account’s currency', () => expect(stateAfter(after([], pay('payment-1', usd(5000)))).currency).to.equal('USD'));

    describe('with explicit allocations', () => {
      it('pays the invoices named, even before one due earlier, and keeps the rest as credit', () =>
        expect(onlyEvent(twoInvoices, pay('payment-1', usd(6000), [[DRAFT, usd(4000)]]), 'PaymentReceived')).to.deep.include({
          allocations: [{ invoiceId: DRAFT, amount: usd(4000) }],
          credit: usd(2000),
        }));
      it('adds up two shares of the same invoice', () =>
        expect(
          onlyEvent(
            twoInvoices,
            pay('payment-1', usd(6000), [
              [DRAFT, usd(3000)],
              [DRAFT, usd(2000)],
            ]),
            'PaymentReceived',
          ).allocations,
        ).to.deep.equal([{ invoiceId: DRAFT, amount: usd(5000) }]));
      it('refuses a share beyond the invoice’s open balance with 422 EXCEEDS_OPEN_BALANCE naming the field', () =>
        expect(refusalOf(twoInvoices, pay('payment-1', usd(6000), [['invoice-a', usd(5001)]]))).to.deep.include({
          kind: 'invariant',
          code: 'EXCEEDS_OPEN_BALANCE',
          problems: [{ path: 'body.allocations.0.amount', rule: 'must be at most 5000 (the open balance, in minor units)' }],
        }));
      it('names the share that takes two shares of one invoice beyond its open balance', () =>
        expect(
          refusalOf(
            twoInvoices,
            pay('payment-1', usd(6000), [
              ['invoice-a', usd(3000)],
              ['invoice-a', usd(3000)],
            ]),
          ).problems,
        ).to.deep.equal([{ path: 'body.allocations.1.amount', rule: 'must be at most 5000 (the open balance, in minor units)' }]));
      it('refuses shares adding up to more than the payment with 422 ALLOCATIONS_EXCEED_PAYMENT naming the field', () =>
        expect(
          refusalOf(
            twoInvoices,
            pay('payment-1', usd(6000), [
              [DRAFT, usd(5000)],
              ['invoice-a', usd(2000)],
            ]),
          ),
        ).to.deep.include({
          kind: 'invariant',
          code: 'ALLOCATIONS_EXCEED_PAYMENT',
          problems: [{ path: 'body.allocations', rule: 'must add up to at most 6000' }],
        }));
      it('refuses a share in another currency with 422 CURRENCY_MISMATCH naming the field', () =>
        expect(refusalOf(twoInvoices, pay('payment-1', usd(6000), [[DRAFT, eur(100)]]))).to.deep.include({
          code: 'CURRENCY_MISMATCH',
          problems: [{ path: 'body.allocations.0.amount.currency', rule: 'must be USD' }],
        }));
      it('refuses a share of 0 with 422 AMOUNT_NOT_POSITIVE naming the field', () =>
        expect(refusalOf(twoInvoices, pay('payment-1', usd(6000), [[DRAFT, usd(0)]]))).to.deep.include({
          code: 'AMOUNT_NOT_POSITIVE',
          problems: [{ path: 'body.allocations.0.amount.amount', rule: 'must be more than 0' }],
        }));
      it('refuses a share of a draft with 422 INVOICE_NOT_ISSUED', () =>
        given(after(invoiced, capture('charge-2', 500)))
          .when(pay('payment-1', usd(500), [['draft-charge-2', usd(500)]]))
          .thenFails('INVOICE_NOT_ISSUED'));
      it('refuses a share of an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
        given(invoiced)
          .when(pay('payment-1', usd(500), [['invoice-9', usd(500)]]))
          .thenFails('INVOICE_NOT_FOUND'));
    });

    it('refuses another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(invoiced, pay('payment-1', eur(5000)))).to.deep.include({
        kind: 'invariant',
        code: 'CURRENCY_MISMATCH',
        problems: [{ path: 'body.amount.currency', rule: 'must be USD' }],
      }));
    it('refuses 0 with 422 AMOUNT_NOT_POSITIVE naming the field', () =>
      expect(refusalOf(invoiced, pay('payment-1', usd(0)))).to.deep.include({
        code: 'AMOUNT_NOT_POSITIVE',
        problems: [{ path: 'body.amount.amount', rule: 'must be more than 0' }],
      }));
  });
});
