import { expect } from 'chai';
import {
  AT,
  after,
  CLERK,
  creditOf,
  DRAFT,
  eur,
  given,
  invoiced,
  ON,
  onlyEvent,
  openOf,
  pay,
  paymentIn,
  refund,
  refusalOf,
  reverseRefund,
  statusOf,
  text,
  twoInvoices,
  usd,
} from './account.fixtures.js';

/** $150.00 invoiced, $200.00 paid: $50.00 of credit. */
const overpaid = after(invoiced, pay('payment-1', usd(20000)));
/** $50.00 (due first) and $100.00 invoiced, $200.00 paid: both paid, $50.00 of credit. */
const bothPaid = after(twoInvoices, pay('payment-1', usd(20000)));

describe('Billing account', () => {
  describe('when a refund is issued', () => {
    it('gives back the payment’s credit first', () =>
      given(overpaid)
        .when(refund('refund-1', 'payment-1', usd(3000)))
        .then([
          {
            type: 'RefundIssued',
            data: {
              refundId: 'refund-1',
              paymentId: 'payment-1',
              amount: usd(3000),
              reason: text('Overpaid at the desk'),
              fromCredit: usd(3000),
              released: [],
              on: ON,
              by: CLERK,
              at: AT,
            },
          },
        ]));
    it('leaves the invoices it paid paid when the credit covers it', () => {
      const refunded = after(overpaid, refund('refund-1', 'payment-1', usd(3000)));
      expect(statusOf(refunded)).to.equal('paid');
      expect(creditOf(refunded)).to.equal(2000);
    });
    it('then releases the invoices it paid, the most recent first', () =>
      expect(onlyEvent(bothPaid, refund('refund-1', 'payment-1', usd(12000)), 'RefundIssued')).to.deep.include({
        fromCredit: usd(5000),
        released: [{ invoiceId: DRAFT, amount: usd(7000) }],
      }));
    it('opens the released invoices again', () => {
      const refunded = after(bothPaid, refund('refund-1', 'payment-1', usd(12000)));
      expect(openOf(refunded)).to.equal(7000);
      expect(statusOf(refunded)).to.equal('partially-paid');
      expect(creditOf(refunded)).to.equal(0);
    });
    it('moves on to the invoice paid before once the latest is released in full', () =>
      expect(
        onlyEvent(after(bothPaid, refund('refund-1', 'payment-1', usd(12000))), refund('refund-2', 'payment-1', usd(6000)), 'RefundIssued'),
      ).to.deep.include({
        fromCredit: usd(0),
        released: [
          { invoiceId: DRAFT, amount: usd(3000) },
          { invoiceId: 'invoice-a', amount: usd(3000) },
        ],
      }));
    it('gives back the whole payment', () =>
      expect(paymentIn(after(bothPaid, refund('refund-1', 'payment-1', usd(20000))), 'payment-1')).to.deep.include({
        allocations: [],
        credit: usd(0),
        refunded: usd(20000),
      }));
    it('refuses more than the payment with 422 EXCEEDS_REFUNDABLE naming the field', () =>
      expect(refusalOf(bothPaid, refund('refund-1', 'payment-1', usd(20001)))).to.deep.include({
        kind: 'invariant',
        code: 'EXCEEDS_REFUNDABLE',
        problems: [{ path: 'body.amount', rule: 'must be at most 20000 (refundable, in minor units)' }],
      }));
    it('refuses more than the payment less earlier refunds with 422 EXCEEDS_REFUNDABLE', () =>
      expect(
        refusalOf(after(bothPaid, refund('refund-1', 'payment-1', usd(15000))), refund('refund-2', 'payment-1', usd(5001))).problems,
      ).to.deep.equal([{ path: 'body.amount', rule: 'must be at most 5000 (refundable, in minor units)' }]));
    it('counts a reversed refund as never given', () =>
      expect(
        onlyEvent(
          after(bothPaid, refund('refund-1', 'payment-1', usd(15000)), reverseRefund('refund-1')),
          refund('refund-2', 'payment-1', usd(20000)),
          'RefundIssued',
        ).amount,
      ).to.deep.equal(usd(20000)));
    it('records nothing when the same refund is sent again', () =>
      given(after(overpaid, refund('refund-1', 'payment-1', usd(3000))))
        .when(refund('refund-1', 'payment-1', usd(3000)))
        .then([]));
    it('refuses another refund under the same id with 409 DUPLICATE_ID', () =>
      expect(refusalOf(after(overpaid, refund('refund-1', 'payment-1', usd(3000))), refund('refund-1', 'payment-1', usd(2000)))).to.include(
        {
          kind: 'conflict',
          code: 'DUPLICATE_ID',
        },
      ));
    it('refuses an unknown payment with 404 PAYMENT_NOT_FOUND', () =>
      expect(refusalOf(overpaid, refund('refund-1', 'payment-9', usd(100)))).to.include({ kind: 'not-found', code: 'PAYMENT_NOT_FOUND' }));
    it('refuses 0 with 422 AMOUNT_NOT_POSITIVE', () =>
      given(overpaid)
        .when(refund('refund-1', 'payment-1', usd(0)))
        .thenFails('AMOUNT_NOT_POSITIVE'));
    it('refuses another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(overpaid, refund('refund-1', 'payment-1', eur(100))).problems).to.deep.equal([
        { path: 'body.amount.currency', rule: 'must be USD' },
      ]));
  });

  describe('when a refund is reversed', () => {
    const refunded = after(bothPaid, refund('refund-1', 'payment-1', usd(12000)));
    it('records why', () =>
      given(refunded)
        .when(reverseRefund('refund-1'))
        .then([
          { type: 'RefundReversed', data: { refundId: 'refund-1', reason: text('The transfer bounced'), on: ON, by: CLERK, at: AT } },
        ]));
    it('gives the amount back to the payment as credit', () => {
      const reversed = after(refunded, reverseRefund('refund-1'));
      expect(paymentIn(reversed, 'payment-1')).to.deep.include({ credit: usd(12000), refunded: usd(0) });
      expect(creditOf(reversed)).to.equal(12000);
    });
    it('leaves the invoices it released open, for the credit to pay', () =>
      expect(openOf(after(refunded, reverseRefund('refund-1')))).to.equal(7000));
    it('records nothing when reversed again', () =>
      given(after(refunded, reverseRefund('refund-1')))
        .when(reverseRefund('refund-1'))
        .then([]));
    it('refuses an unknown refund with 404 REFUND_NOT_FOUND', () =>
      expect(refusalOf(refunded, reverseRefund('refund-9'))).to.include({ kind: 'not-found', code: 'REFUND_NOT_FOUND' }));
  });
});
