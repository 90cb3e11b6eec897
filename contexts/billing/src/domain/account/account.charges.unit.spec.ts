import { expect } from 'chai';
import { MAX_MINOR } from '@hcms/shared-kernel';
import {
  AT,
  after,
  capture,
  CLERK,
  currencyCode,
  DRAFT,
  ENCOUNTER,
  eur,
  eventsOf,
  given,
  invoiced,
  invoiceIn,
  issue,
  NEXT_DRAFT,
  ON,
  onlyEvent,
  OTHER_ENCOUNTER,
  priceCharge,
  refusalOf,
  startIssue,
  stateAfter,
  text,
  usd,
  voidCharge,
} from './account.fixtures.js';

const unpriced = after([], capture('charge-1'));
const priced = after([], capture('charge-1', 5000));

describe('Billing account', () => {
  describe('when a charge is captured', () => {
    it('records it on the encounter’s draft at its unit price times its quantity', () =>
      given([])
        .when(capture('charge-1', 5000, { quantity: 3 }))
        .then([
          {
            type: 'ChargeCaptured',
            data: {
              chargeId: 'charge-1',
              invoiceId: DRAFT,
              group: ENCOUNTER,
              currency: currencyCode('USD'),
              source: { kind: 'encounter', encounterId: ENCOUNTER, line: 1 },
              code: '99213',
              description: 'Office visit, established patient',
              serviceDate: ON,
              quantity: 3,
              unitPrice: usd(5000),
              amount: usd(15000),
              by: CLERK,
              at: AT,
            },
          },
        ]));
    it('gathers the encounter’s next charge on the same draft', () =>
      expect(onlyEvent(priced, capture('charge-2', 2000, { draftId: 'another-draft' }), 'ChargeCaptured').invoiceId).to.equal(DRAFT));
    it('counts the priced charges in the draft’s total', () =>
      expect(invoiceIn(after(priced, capture('charge-2', 2000))).total).to.deep.equal(usd(7000)));
    it('opens a draft of its own for another encounter', () =>
      expect(
        onlyEvent(priced, capture('charge-2', 2000, { group: OTHER_ENCOUNTER, draftId: 'invoice-a' }), 'ChargeCaptured').invoiceId,
      ).to.equal('invoice-a'));
    it('opens a new draft once the encounter’s draft is issued', () =>
      expect(onlyEvent(invoiced, capture('charge-2', 2000, { draftId: 'invoice-late' }), 'ChargeCaptured').invoiceId).to.equal(
        'invoice-late',
      ));
    it('records a charge captured twice once', () => given(priced).when(capture('charge-1', 5000)).then([]));
    it('records a redelivered charge once even when the fee schedule changed meanwhile', () =>
      given(priced).when(capture('charge-1', 6000)).then([]));
    it('refuses another service under a charge’s id with 409 DUPLICATE_ID', () =>
      expect(refusalOf(priced, capture('charge-1', 5000, { code: '99214' }))).to.deep.include({
        kind: 'conflict',
        code: 'DUPLICATE_ID',
        details: { chargeId: 'charge-1' },
      }));
    it('refuses another quantity under a charge’s id with 409 DUPLICATE_ID', () =>
      expect(refusalOf(priced, capture('charge-1', 5000, { quantity: 2 }))).to.include({ kind: 'conflict', code: 'DUPLICATE_ID' }));
    it('records an amount of exactly the largest an account records', () =>
      expect(onlyEvent([], capture('charge-1', MAX_MINOR), 'ChargeCaptured').amount).to.deep.equal(usd(MAX_MINOR)));
    it('refuses a price times quantity beyond the largest an account records with 422 AMOUNT_TOO_LARGE naming the field', () =>
      expect(refusalOf([], capture('charge-1', 50_000_000_000, { quantity: 2 }))).to.deep.include({
        kind: 'invariant',
        code: 'AMOUNT_TOO_LARGE',
        problems: [{ path: 'body.unitPrice.amount', rule: `must come to at most ${MAX_MINOR} minor units` }],
      }));
    it('records a charge with no price in force unpriced, left out of the draft’s total', () => {
      const [event] = eventsOf([], capture('charge-1'));
      expect(event?.data).to.not.have.any.keys('unitPrice', 'amount');
      expect(invoiceIn(after(priced, capture('charge-2'))).total).to.deep.equal(usd(5000));
    });
    it('fixes the account’s currency with its first charge', () => expect(stateAfter(unpriced).currency).to.equal('USD'));
    it('refuses a price in another currency than the account’s with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(priced, capture('charge-2', undefined, { unitPrice: eur(100) }))).to.deep.include({
        kind: 'invariant',
        code: 'CURRENCY_MISMATCH',
        problems: [{ path: 'body.unitPrice.currency', rule: 'must be USD' }],
      }));
    it('refuses a charge in another currency than the account’s with 422 CURRENCY_MISMATCH', () =>
      given(priced)
        .when(capture('charge-2', undefined, { currency: currencyCode('EUR') }))
        .thenFails('CURRENCY_MISMATCH'));
    // The first charge fixes the account's currency: a price in another one must not slip in with
    // it, or the account cannot add its own charges up again.
    it('refuses a first charge whose price is in another currency than the charge’s with 422 CURRENCY_MISMATCH', () =>
      given([])
        .when(capture('charge-1', undefined, { unitPrice: eur(100) }))
        .thenFails('CURRENCY_MISMATCH'));
  });

  describe('when a charge is priced', () => {
    it('records the price and its amount for the quantity', () =>
      given(after([], capture('charge-1', undefined, { quantity: 2 })))
        .when(priceCharge('charge-1', usd(4000)))
        .then([{ type: 'ChargePriced', data: { chargeId: 'charge-1', unitPrice: usd(4000), amount: usd(8000), by: CLERK, at: AT } }]));
    it('counts it in its draft’s total from then on', () =>
      expect(invoiceIn(after(unpriced, priceCharge('charge-1', usd(4000)))).total).to.deep.equal(usd(4000)));
    it('counts it on the next draft when it waited there through an issue', () => {
      const waiting = after(priced, capture('charge-2'), issue());
      expect(invoiceIn(after(waiting, priceCharge('charge-2', usd(900))), NEXT_DRAFT).total).to.deep.equal(usd(900));
    });
    it('records nothing when priced again at the same price', () =>
      given(after(unpriced, priceCharge('charge-1', usd(4000))))
        .when(priceCharge('charge-1', usd(4000)))
        .then([]));
    it('refuses another price with 409 CHARGE_PRICED', () =>
      expect(refusalOf(priced, priceCharge('charge-1', usd(4000)))).to.include({ kind: 'conflict', code: 'CHARGE_PRICED' }));
    it('refuses an unknown charge with 404 CHARGE_NOT_FOUND', () =>
      expect(refusalOf(unpriced, priceCharge('charge-9', usd(4000)))).to.include({ kind: 'not-found', code: 'CHARGE_NOT_FOUND' }));
    it('refuses a voided charge with 409 CHARGE_VOIDED', () =>
      expect(refusalOf(after(unpriced, voidCharge('charge-1')), priceCharge('charge-1', usd(4000)))).to.include({
        kind: 'conflict',
        code: 'CHARGE_VOIDED',
      }));
    it('refuses a charge on an issued invoice with 409 CHARGE_INVOICED', () =>
      expect(refusalOf(invoiced, priceCharge('charge-1', usd(4000)))).to.include({ kind: 'conflict', code: 'CHARGE_INVOICED' }));
    it('refuses a charge on an invoice being issued with 409 CHARGE_INVOICED', () =>
      expect(refusalOf(after(priced, startIssue()), priceCharge('charge-1', usd(5000)))).to.include({
        kind: 'conflict',
        code: 'CHARGE_INVOICED',
      }));
    it('prices a charge that waited through an issue begun but not numbered', () =>
      expect(
        onlyEvent(after(priced, capture('charge-2'), startIssue()), priceCharge('charge-2', usd(900)), 'ChargePriced').amount,
      ).to.deep.equal(usd(900)));
    it('accepts an amount for the quantity of exactly the largest an account records', () =>
      expect(
        onlyEvent(after([], capture('charge-1', undefined, { quantity: 3 })), priceCharge('charge-1', usd(MAX_MINOR / 3)), 'ChargePriced')
          .amount,
      ).to.deep.equal(usd(MAX_MINOR)));
    it('refuses a price whose amount for the quantity is beyond the largest an account records with 422 AMOUNT_TOO_LARGE', () =>
      expect(
        refusalOf(after([], capture('charge-1', undefined, { quantity: 2 })), priceCharge('charge-1', usd(50_000_000_000))),
      ).to.deep.include({
        kind: 'invariant',
        code: 'AMOUNT_TOO_LARGE',
        problems: [{ path: 'body.unitPrice.amount', rule: `must come to at most ${MAX_MINOR} minor units` }],
      }));
    it('refuses a price of 0 with 422 AMOUNT_NOT_POSITIVE naming the field', () =>
      expect(refusalOf(unpriced, priceCharge('charge-1', usd(0)))).to.deep.include({
        code: 'AMOUNT_NOT_POSITIVE',
        problems: [{ path: 'body.unitPrice.amount', rule: 'must be more than 0' }],
      }));
    it('refuses a price in another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(unpriced, priceCharge('charge-1', eur(4000)))).to.deep.include({
        code: 'CURRENCY_MISMATCH',
        problems: [{ path: 'body.unitPrice.currency', rule: 'must be USD' }],
      }));
  });

  describe('when a charge is voided', () => {
    it('records why', () =>
      given(priced)
        .when(voidCharge('charge-1'))
        .then([{ type: 'ChargeVoided', data: { chargeId: 'charge-1', reason: text('Charged by mistake'), by: CLERK, at: AT } }]));
    it('takes it out of its draft’s total', () =>
      expect(invoiceIn(after(priced, capture('charge-2', 2000), voidCharge('charge-1'))).total).to.deep.equal(usd(2000)));
    it('leaves it off the invoice issued from the draft', () =>
      expect(
        onlyEvent(after(priced, capture('charge-2', 2000), voidCharge('charge-1')), startIssue(), 'InvoiceIssueStarted'),
      ).to.deep.include({
        chargeIds: ['charge-2'],
        total: usd(2000),
      }));
    it('records nothing when voided again', () =>
      given(after(priced, voidCharge('charge-1')))
        .when(voidCharge('charge-1'))
        .then([]));
    it('refuses an unknown charge with 404 CHARGE_NOT_FOUND', () =>
      given(priced).when(voidCharge('charge-9')).thenFails('CHARGE_NOT_FOUND'));
    it('refuses a charge on an issued invoice with 409 CHARGE_INVOICED', () =>
      expect(refusalOf(invoiced, voidCharge('charge-1'))).to.include({ kind: 'conflict', code: 'CHARGE_INVOICED' }));
    it('refuses a charge on an invoice being issued with 409 CHARGE_INVOICED', () =>
      expect(refusalOf(after(priced, startIssue()), voidCharge('charge-1'))).to.include({ kind: 'conflict', code: 'CHARGE_INVOICED' }));
  });
});
