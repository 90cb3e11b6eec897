import { expect } from 'chai';
import {
  AT,
  after,
  applyCredit,
  capture,
  CLERK,
  creditOf,
  DRAFT,
  eur,
  given,
  invoiced,
  issue,
  ON,
  onlyEvent,
  openOf,
  pay,
  refusalOf,
  statusOf,
  usd,
} from './account.fixtures.js';

/** $50.00 owed on an invoice issued after two payments left $30.00 and $40.00 of credit. */
const inCredit = after([], capture('charge-1', 5000), pay('payment-1', usd(3000)), pay('payment-2', usd(4000)), issue());

describe('Billing account', () => {
  describe('when credit is applied', () => {
    it('pays the invoice from the oldest payment’s credit first', () =>
      given(inCredit)
        .when(applyCredit(DRAFT, undefined, 'credit-a'))
        .then([
          {
            type: 'CreditApplied',
            data: {
              applicationId: 'credit-a',
              invoiceId: DRAFT,
              from: [
                { paymentId: 'payment-1', amount: usd(3000) },
                { paymentId: 'payment-2', amount: usd(2000) },
              ],
              on: ON,
              by: CLERK,
              at: AT,
            },
          },
        ]));
    it('leaves the invoice paid and the rest of the credit on the account', () => {
      const applied = after(inCredit, applyCredit());
      expect(statusOf(applied)).to.equal('paid');
      expect(creditOf(applied)).to.equal(2000);
    });
    it('applies only the amount asked for', () => {
      expect(onlyEvent(inCredit, applyCredit(DRAFT, usd(1000)), 'CreditApplied').from).to.deep.equal([
        { paymentId: 'payment-1', amount: usd(1000) },
      ]);
      expect(openOf(after(inCredit, applyCredit(DRAFT, usd(1000))))).to.equal(4000);
    });
    it('applies all the credit there is to an invoice owing more', () =>
      expect(openOf(after([], capture('charge-1', 15000), pay('payment-1', usd(3000)), issue(), applyCredit()))).to.equal(12000));
    it('refuses an account without credit with 422 NO_CREDIT', () =>
      expect(refusalOf(invoiced, applyCredit())).to.include({ kind: 'invariant', code: 'NO_CREDIT' }));
    it('refuses more than the credit with 422 NO_CREDIT naming the field', () =>
      expect(
        refusalOf(after([], capture('charge-1', 15000), pay('payment-1', usd(3000)), issue()), applyCredit(DRAFT, usd(4000))),
      ).to.deep.include({
        code: 'NO_CREDIT',
        problems: [{ path: 'body.amount', rule: 'must be at most 3000 (the credit, in minor units)' }],
      }));
    it('refuses more than the invoice owes with 422 EXCEEDS_OPEN_BALANCE naming the field', () =>
      expect(refusalOf(inCredit, applyCredit(DRAFT, usd(6000)))).to.deep.include({
        code: 'EXCEEDS_OPEN_BALANCE',
        problems: [{ path: 'body.amount', rule: 'must be at most 5000 (the open balance, in minor units)' }],
      }));
    it('refuses an invoice that owes nothing with 409 INVOICE_PAID', () =>
      expect(refusalOf(after(inCredit, applyCredit(DRAFT, usd(5000))), applyCredit())).to.include({
        kind: 'conflict',
        code: 'INVOICE_PAID',
      }));
    describe('on an invoice that owes nothing', () => {
      const paid = after(inCredit, applyCredit(DRAFT, usd(5000)));
      // Whatever is wrong with the amount, the answer that helps is that nothing is owed.
      const amounts = [
        ['0', usd(0)],
        ['another currency', eur(100)],
        ['more than the credit', usd(9000)],
      ] as const;
      for (const [what, amount] of amounts)
        it(`refuses ${what} with 409 INVOICE_PAID before any check of the amount`, () =>
          expect(refusalOf(paid, applyCredit(DRAFT, amount))).to.include({ kind: 'conflict', code: 'INVOICE_PAID' }));
      it('refuses it with 409 INVOICE_PAID on an account without credit too', () =>
        given(after(invoiced, pay('payment-1', usd(15000))))
          .when(applyCredit())
          .thenFails('INVOICE_PAID'));
    });
    it('refuses 0 with 422 AMOUNT_NOT_POSITIVE', () =>
      given(inCredit)
        .when(applyCredit(DRAFT, usd(0)))
        .thenFails('AMOUNT_NOT_POSITIVE'));
    it('refuses another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(inCredit, applyCredit(DRAFT, eur(100))).problems).to.deep.equal([
        { path: 'body.amount.currency', rule: 'must be USD' },
      ]));
    it('refuses a draft with 422 INVOICE_NOT_ISSUED', () =>
      given(after([], capture('charge-1', 5000), pay('payment-1', usd(3000))))
        .when(applyCredit())
        .thenFails('INVOICE_NOT_ISSUED'));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      given(inCredit).when(applyCredit('invoice-9')).thenFails('INVOICE_NOT_FOUND'));
    it('records nothing when the same application is retried', () =>
      given(after(inCredit, applyCredit(DRAFT, usd(1000), 'credit-a')))
        .when(applyCredit(DRAFT, usd(1000), 'credit-a'))
        .then([]));
    it('refuses the id of an application to another invoice with 409 DUPLICATE_ID', () =>
      given(after(inCredit, applyCredit(DRAFT, usd(1000), 'credit-a')))
        .when(applyCredit('invoice-9', usd(1000), 'credit-a'))
        .thenFails('DUPLICATE_ID'));
  });
});
