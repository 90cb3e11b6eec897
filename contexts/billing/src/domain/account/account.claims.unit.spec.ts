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
  invoiceIn,
  issue,
  ON,
  onlyEvent,
  openOf,
  pay,
  PAYER,
  refusalOf,
  rejectClaim,
  stateAfter,
  submitClaim,
  text,
  usd,
} from './account.fixtures.js';

/** $150.00 invoiced in two lines: a visit of $100.00 and a test of $50.00. */
const claimable = after([], capture('charge-1', 10000), capture('charge-2', 5000), issue());
const submitted = after(claimable, submitClaim());
const accepted = after(submitted, acceptClaim());
const rejected = after(submitted, rejectClaim());
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
  describe('when a claim is submitted', () => {
    it('claims every line of the invoice from the payer, as submission 1', () =>
      given(claimable)
        .when(submitClaim())
        .then([
          {
            type: 'ClaimSubmitted',
            data: {
              claimId: 'claim-1',
              invoiceId: DRAFT,
              payer: PAYER,
              lines: [
                { chargeId: 'charge-1', amount: usd(10000) },
                { chargeId: 'charge-2', amount: usd(5000) },
              ],
              submission: 1,
              ...dated,
            },
          },
        ]));
    it('claims only the lines named', () =>
      expect(onlyEvent(claimable, submitClaim('claim-1', DRAFT, ['charge-2']), 'ClaimSubmitted').lines).to.deep.equal([
        { chargeId: 'charge-2', amount: usd(5000) },
      ]));
    it('puts the claim on the invoice', () => {
      expect(stateAfter(submitted).claims['claim-1']?.status).to.equal('submitted');
      expect(invoiceIn(submitted).claimIds).to.deep.equal(['claim-1']);
    });
    it('records nothing when submitted again', () => given(submitted).when(submitClaim()).then([]));
    it('submits a rejected claim again, corrected, as submission 2', () => {
      expect(onlyEvent(rejected, submitClaim('claim-1', DRAFT, ['charge-1']), 'ClaimSubmitted')).to.deep.include({
        submission: 2,
        lines: [{ chargeId: 'charge-1', amount: usd(10000) }],
      });
      const resubmitted = after(rejected, submitClaim());
      expect(stateAfter(resubmitted).claims['claim-1']).to.deep.include({ status: 'submitted', submission: 2 });
      expect(invoiceIn(resubmitted).claimIds).to.deep.equal(['claim-1']);
    });
    it('refuses a charge that is not a line of the invoice with 422 CLAIM_LINE_NOT_FOUND naming the field', () =>
      expect(refusalOf(claimable, submitClaim('claim-1', DRAFT, ['charge-1', 'charge-9']))).to.deep.include({
        kind: 'invariant',
        code: 'CLAIM_LINE_NOT_FOUND',
        problems: [{ path: 'body.chargeIds.1', rule: 'must be a charge of the invoice' }],
      }));
    it('refuses the id of an accepted claim with 409 CLAIM_STATE', () =>
      expect(refusalOf(accepted, submitClaim())).to.include({ kind: 'conflict', code: 'CLAIM_STATE' }));
    it('refuses a rejected claim’s correction on another invoice with 409 CLAIM_STATE', () =>
      given(after(rejected, capture('charge-3', 700, { draftId: 'invoice-x' }), issue('invoice-x', '2026-000002', 'invoice-y')))
        .when(submitClaim('claim-1', 'invoice-x'))
        .thenFails('CLAIM_STATE'));
    it('refuses a draft with 422 INVOICE_NOT_ISSUED', () =>
      given(after([], capture('charge-1', 10000)))
        .when(submitClaim())
        .thenFails('INVOICE_NOT_ISSUED'));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      given(claimable).when(submitClaim('claim-1', 'invoice-9')).thenFails('INVOICE_NOT_FOUND'));
  });

  describe('when a claim is accepted', () => {
    it('records it', () =>
      given(submitted)
        .when(acceptClaim())
        .then([{ type: 'ClaimAccepted', data: { claimId: 'claim-1', ...dated } }]));
    it('records nothing when accepted again', () => given(accepted).when(acceptClaim()).then([]));
    it('refuses a rejected claim with 409 CLAIM_STATE', () =>
      expect(refusalOf(rejected, acceptClaim())).to.include({ kind: 'conflict', code: 'CLAIM_STATE' }));
    it('refuses an unknown claim with 404 CLAIM_NOT_FOUND', () =>
      expect(refusalOf(submitted, acceptClaim('claim-9'))).to.include({ kind: 'not-found', code: 'CLAIM_NOT_FOUND' }));
  });

  describe('when a claim is rejected', () => {
    it('records why', () =>
      given(submitted)
        .when(rejectClaim())
        .then([{ type: 'ClaimRejected', data: { claimId: 'claim-1', reason: text('Missing diagnosis code'), ...dated } }]));
    it('records nothing when rejected again', () => given(rejected).when(rejectClaim()).then([]));
    it('refuses an accepted claim with 409 CLAIM_STATE', () => given(accepted).when(rejectClaim()).thenFails('CLAIM_STATE'));
  });

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
