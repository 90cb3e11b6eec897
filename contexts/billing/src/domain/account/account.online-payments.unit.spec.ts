import { expect } from 'chai';
import {
  AT,
  after,
  capture,
  CLERK,
  confirmPayment,
  creditOf,
  declinePayment,
  DRAFT,
  eur,
  given,
  invoiced,
  issue,
  ON,
  onlyEvent,
  openOf,
  pay,
  payOnline,
  paymentIn,
  refund,
  refusalOf,
  stateAfter,
  statusOf,
  text,
  twoInvoices,
  usd,
} from './account.fixtures.js';

const dated = { on: ON, by: CLERK, at: AT };
/** $150.00 invoiced; the patient paid $50.00 online, not settled yet. */
const pending = after(invoiced, payOnline('payment-1', usd(5000), 'key-1'));
const confirmed = after(pending, confirmPayment('payment-1'));
const declined = after(pending, declinePayment('payment-1'));

describe('Billing account', () => {
  describe('when a patient pays online by card', () => {
    it('records the payment pending, with its key and reference', () =>
      given(invoiced)
        .when({ ...payOnline('payment-1', usd(5000), 'key-1'), reference: 'psp-7781' })
        .then([
          {
            type: 'PaymentPending',
            data: { paymentId: 'payment-1', method: 'card', amount: usd(5000), reference: 'psp-7781', idempotencyKey: 'key-1', ...dated },
          },
        ]));
    it('counts it for nothing: no invoice paid, no credit, no payment to refund', () => {
      expect(openOf(pending)).to.equal(15000);
      expect(statusOf(pending)).to.equal('issued');
      expect(creditOf(pending)).to.equal(0);
      expect(stateAfter(pending).payments).to.deep.equal({});
      expect(refusalOf(pending, refund('refund-1', 'payment-1', usd(100)))).to.include({ kind: 'not-found', code: 'PAYMENT_NOT_FOUND' });
    });
    it('records nothing when sent again with the same amount and method', () =>
      given(pending)
        .when(payOnline('payment-1', usd(5000), 'key-1'))
        .then([]));
    it('refuses another amount under its id with 409 IDEMPOTENCY_KEY_REUSED', () =>
      expect(refusalOf(pending, payOnline('payment-1', usd(6000), 'key-1'))).to.include({
        kind: 'conflict',
        code: 'IDEMPOTENCY_KEY_REUSED',
      }));
    it('refuses another method under its id with 409 IDEMPOTENCY_KEY_REUSED', () =>
      given(pending)
        .when(pay('payment-1', usd(5000), undefined, 'cash'))
        .thenFails('IDEMPOTENCY_KEY_REUSED'));
    it('refuses another currency with 422 CURRENCY_MISMATCH', () =>
      given(invoiced)
        .when(payOnline('payment-1', eur(5000)))
        .thenFails('CURRENCY_MISMATCH'));
    it('refuses 0 with 422 AMOUNT_NOT_POSITIVE', () =>
      given(invoiced)
        .when(payOnline('payment-1', usd(0)))
        .thenFails('AMOUNT_NOT_POSITIVE'));
  });

  describe('when a pending payment is confirmed', () => {
    it('records it received under the same id and key, paying the invoice due first', () =>
      given(after(twoInvoices, payOnline('payment-1', usd(12000), 'key-1')))
        .when(confirmPayment('payment-1'))
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
              idempotencyKey: 'key-1',
              ...dated,
            },
          },
        ]));
    it('pays what is owed when it is confirmed, not when it was made', () =>
      expect(
        onlyEvent(
          after([], capture('charge-1', 15000), payOnline('payment-1', usd(5000)), issue()),
          confirmPayment('payment-1'),
          'PaymentReceived',
        ).allocations,
      ).to.deep.equal([{ invoiceId: DRAFT, amount: usd(5000) }]));
    it('keeps what is paid beyond every open balance as credit', () =>
      expect(creditOf(after(invoiced, payOnline('payment-1', usd(20000)), confirmPayment('payment-1')))).to.equal(5000));
    it('leaves nothing waiting and the payment on the account', () => {
      expect(stateAfter(confirmed).pending).to.deep.equal({});
      expect(paymentIn(confirmed, 'payment-1')).to.deep.include({ idempotencyKey: 'key-1', credit: usd(0) });
      expect(openOf(confirmed)).to.equal(10000);
    });
    it('records nothing when confirmed again', () => given(confirmed).when(confirmPayment('payment-1')).then([]));
    it('records nothing when the payment is sent again once confirmed', () =>
      given(confirmed)
        .when(payOnline('payment-1', usd(5000), 'key-1'))
        .then([]));
    it('refuses an unknown payment with 404 PAYMENT_NOT_PENDING', () =>
      expect(refusalOf(pending, confirmPayment('payment-9'))).to.deep.include({
        kind: 'not-found',
        code: 'PAYMENT_NOT_PENDING',
        details: { paymentId: 'payment-9' },
      }));
    it('refuses a declined payment with 409 PAYMENT_DECLINED', () =>
      expect(refusalOf(declined, confirmPayment('payment-1'))).to.include({ kind: 'conflict', code: 'PAYMENT_DECLINED' }));
  });

  describe('when a pending payment is declined', () => {
    it('records why', () =>
      given(pending)
        .when(declinePayment('payment-1'))
        .then([
          { type: 'PaymentDeclined', data: { paymentId: 'payment-1', reason: text('The card issuer declined the charge'), ...dated } },
        ]));
    it('leaves nothing waiting and nothing paid, and keeps its name', () => {
      const s = stateAfter(declined);
      expect(s.pending['payment-1']).to.include({ declined: true });
      expect(s.payments).to.deep.equal({});
      expect(openOf(declined)).to.equal(15000);
    });
    it('records nothing when declined again', () => given(declined).when(declinePayment('payment-1')).then([]));
    it('answers a retry of the declined payment under its key with the original, recording nothing', () =>
      given(declined)
        .when(payOnline('payment-1', usd(5000), 'key-1'))
        .then([]));
    it('refuses a confirmed payment with 409 PAYMENT_NOT_PENDING', () =>
      expect(refusalOf(confirmed, declinePayment('payment-1'))).to.include({ kind: 'conflict', code: 'PAYMENT_NOT_PENDING' }));
    it('refuses a payment received at the desk with 409 PAYMENT_NOT_PENDING', () =>
      given(after(invoiced, pay('payment-1', usd(5000))))
        .when(declinePayment('payment-1'))
        .thenFails('PAYMENT_NOT_PENDING'));
    it('refuses an unknown payment with 404 PAYMENT_NOT_PENDING', () =>
      expect(refusalOf(pending, declinePayment('payment-9'))).to.include({ kind: 'not-found', code: 'PAYMENT_NOT_PENDING' }));
  });
});
