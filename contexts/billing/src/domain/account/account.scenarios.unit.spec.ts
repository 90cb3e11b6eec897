import { expect } from 'chai';
import {
  after,
  creditOf,
  given,
  invoiced,
  onlyEvent,
  openOf,
  pay,
  paymentIn,
  refund,
  refusalOf,
  statusOf,
  usd,
} from './account.fixtures.js';

describe('Billing account', () => {
  describe('a $150.00 invoice paid $100.00, then $60.00, then $10.00 refunded', () => {
    const first = after(invoiced, pay('payment-1', usd(10000)));
    const second = after(first, pay('payment-2', usd(6000)));
    const refunded = after(second, refund('refund-1', 'payment-2', usd(1000)));

    it('owes $50.00 after the first payment, partially paid', () => {
      expect(openOf(first)).to.equal(5000);
      expect(statusOf(first)).to.equal('partially-paid');
      expect(creditOf(first)).to.equal(0);
    });
    it('owes nothing after the second, paid, with $10.00 of credit', () => {
      expect(openOf(second)).to.equal(0);
      expect(statusOf(second)).to.equal('paid');
      expect(creditOf(second)).to.equal(1000);
    });
    it('refunds the $10.00 from the second payment’s credit', () =>
      expect(onlyEvent(second, refund('refund-1', 'payment-2', usd(1000)), 'RefundIssued')).to.deep.include({
        fromCredit: usd(1000),
        released: [],
      }));
    it('owes nothing and holds no credit after the refund, still paid', () => {
      expect(openOf(refunded)).to.equal(0);
      expect(creditOf(refunded)).to.equal(0);
      expect(statusOf(refunded)).to.equal('paid');
    });
  });

  describe('a payment sent twice under one idempotency key', () => {
    // The handler derives the payment's id from the account and the key.
    const PAYMENT = 'payment-of-key-7f3a';
    const received = after(invoiced, pay(PAYMENT, usd(10000)));

    it('records nothing the second time', () =>
      given(received)
        .when(pay(PAYMENT, usd(10000)))
        .then([]));
    it('keeps the original payment as it was', () =>
      expect(paymentIn(after(received, pay(PAYMENT, usd(10000))), PAYMENT)).to.deep.equal(paymentIn(received, PAYMENT)));
    it('refuses another amount with 409 IDEMPOTENCY_KEY_REUSED', () =>
      expect(refusalOf(received, pay(PAYMENT, usd(12000)))).to.include({ kind: 'conflict', code: 'IDEMPOTENCY_KEY_REUSED' }));
    it('refuses another method with 409 IDEMPOTENCY_KEY_REUSED', () =>
      expect(refusalOf(received, pay(PAYMENT, usd(10000), undefined, 'cash'))).to.include({
        kind: 'conflict',
        code: 'IDEMPOTENCY_KEY_REUSED',
      }));
  });
});
