import { expect } from 'chai';
import type { AccountEvent } from './account.events.js';
import {
  AT,
  acceptClaim,
  adjudicate,
  after,
  capture,
  CLERK,
  creditOf,
  DRAFT,
  eur,
  eventsOf,
  given,
  issue,
  ON,
  openOf,
  pay,
  refusalOf,
  stateAfter,
  submitClaim,
  usd,
} from './account.fixtures.js';

/** A claim for both lines of $150.00 invoiced: a visit of $100.00 and a test of $50.00. */
const submitted = after([], capture('charge-1', 10000), capture('charge-2', 5000), issue(), submitClaim());
const accepted = after(submitted, acceptClaim());
const dated = { on: ON, by: CLERK, at: AT };
const lineAdjudicated = (
  outcome: 'paid' | 'partially-paid' | 'denied',
  paid: number,
  denied: number,
  deniedTo: 'patient' | 'write-off',
): AccountEvent => ({
  type: 'ClaimLineAdjudicated',
  data: { claimId: 'claim-1', chargeId: 'charge-1', outcome, paid: usd(paid), denied: usd(denied), deniedTo, ...dated },
});
const insurancePaid = (amount: number): AccountEvent => ({
  type: 'PaymentReceived',
  data: {
    paymentId: 'claim-1.charge-1.payment',
    method: 'insurance',
    amount: usd(amount),
    allocations: [{ invoiceId: DRAFT, amount: usd(amount) }],
    credit: usd(0),
    claimId: 'claim-1',
    ...dated,
  },
});
const deniedWrittenOff = (amount: number): AccountEvent => ({
  type: 'WrittenOff',
  data: {
    writeOffId: 'claim-1.charge-1.write-off',
    invoiceId: DRAFT,
    amount: usd(amount),
    reasonCode: 'insurance-denied',
    claimId: 'claim-1',
    ...dated,
  },
});

describe('Billing account', () => {
  describe('when a claim line is adjudicated', () => {
    it('records a line paid in full, with the insurance payment on the invoice', () =>
      given(accepted)
        .when(adjudicate('charge-1', usd(10000), 'patient'))
        .then([lineAdjudicated('paid', 10000, 0, 'patient'), insurancePaid(10000)]));
    it('leaves the patient the other lines to pay', () =>
      expect(openOf(after(accepted, adjudicate('charge-1', usd(10000), 'patient')))).to.equal(5000));
    it('makes a partly paid line’s denial the patient’s', () => {
      given(accepted)
        .when(adjudicate('charge-1', usd(6000), 'patient'))
        .then([lineAdjudicated('partially-paid', 6000, 4000, 'patient'), insurancePaid(6000)]);
      expect(openOf(after(accepted, adjudicate('charge-1', usd(6000), 'patient')))).to.equal(9000);
    });
    it('writes a partly paid line’s denial off as insurance-denied', () => {
      given(accepted)
        .when(adjudicate('charge-1', usd(6000), 'write-off'))
        .then([lineAdjudicated('partially-paid', 6000, 4000, 'write-off'), insurancePaid(6000), deniedWrittenOff(4000)]);
      expect(openOf(after(accepted, adjudicate('charge-1', usd(6000), 'write-off')))).to.equal(5000);
    });
    it('makes a denied line the patient’s', () => {
      given(accepted)
        .when(adjudicate('charge-1', usd(0), 'patient'))
        .then([lineAdjudicated('denied', 0, 10000, 'patient')]);
      expect(openOf(after(accepted, adjudicate('charge-1', usd(0), 'patient')))).to.equal(15000);
    });
    it('writes a denied line off as insurance-denied', () =>
      given(accepted)
        .when(adjudicate('charge-1', usd(0), 'write-off'))
        .then([lineAdjudicated('denied', 0, 10000, 'write-off'), deniedWrittenOff(10000)]));
    it('keeps the claim accepted until every line is adjudicated', () => {
      const one = after(accepted, adjudicate('charge-1', usd(10000), 'patient'));
      expect(stateAfter(one).claims['claim-1']?.status).to.equal('accepted');
      const both = after(one, adjudicate('charge-2', usd(0), 'write-off'));
      expect(stateAfter(both).claims['claim-1']?.status).to.equal('adjudicated');
      expect(openOf(both)).to.equal(0);
    });

    describe('after the patient paid part of the invoice', () => {
      const patientPaid = after(accepted, pay('payment-1', usd(12000)));
      it('allocates the insurance payment up to the open balance, the rest credit', () => {
        const [, payment] = eventsOf(patientPaid, adjudicate('charge-1', usd(10000), 'patient'));
        expect(payment?.data).to.deep.include({ allocations: [{ invoiceId: DRAFT, amount: usd(3000) }], credit: usd(7000) });
        expect(creditOf(after(patientPaid, adjudicate('charge-1', usd(10000), 'patient')))).to.equal(7000);
      });
      it('writes off no more than is open', () => {
        const [, writtenOff] = eventsOf(patientPaid, adjudicate('charge-2', usd(0), 'write-off'));
        expect(writtenOff?.data).to.deep.include({ amount: usd(3000), reasonCode: 'insurance-denied' });
      });
      it('writes nothing off when nothing is open', () =>
        expect(
          eventsOf(after(patientPaid, adjudicate('charge-1', usd(10000), 'patient')), adjudicate('charge-2', usd(0), 'write-off')).map(
            (e) => e.type,
          ),
        ).to.deep.equal(['ClaimLineAdjudicated']));
    });

    it('refuses a claim not accepted yet with 409 CLAIM_STATE', () =>
      expect(refusalOf(submitted, adjudicate('charge-1', usd(100), 'patient'))).to.include({ kind: 'conflict', code: 'CLAIM_STATE' }));
    it('refuses an unknown claim with 404 CLAIM_NOT_FOUND', () =>
      given(accepted)
        .when(adjudicate('charge-1', usd(100), 'patient', 'claim-9'))
        .thenFails('CLAIM_NOT_FOUND'));
    it('refuses a charge the claim does not claim with 404 CLAIM_LINE_NOT_FOUND', () =>
      expect(refusalOf(accepted, adjudicate('charge-9', usd(100), 'patient'))).to.include({
        kind: 'not-found',
        code: 'CLAIM_LINE_NOT_FOUND',
      }));
    it('refuses a line adjudicated already with 409 CLAIM_LINE_ADJUDICATED', () =>
      expect(
        refusalOf(after(accepted, adjudicate('charge-1', usd(100), 'patient')), adjudicate('charge-1', usd(100), 'patient')),
      ).to.include({
        kind: 'conflict',
        code: 'CLAIM_LINE_ADJUDICATED',
      }));
    it('refuses a payment beyond the line with 422 EXCEEDS_CLAIM_LINE naming the field', () =>
      expect(refusalOf(accepted, adjudicate('charge-1', usd(10001), 'patient'))).to.deep.include({
        kind: 'invariant',
        code: 'EXCEEDS_CLAIM_LINE',
        problems: [{ path: 'body.paid.amount', rule: 'must be at most 10000' }],
      }));
    it('refuses another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(accepted, adjudicate('charge-1', eur(100), 'patient')).problems).to.deep.equal([
        { path: 'body.paid.currency', rule: 'must be USD' },
      ]));
  });
});
