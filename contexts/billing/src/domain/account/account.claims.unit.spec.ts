import { expect } from 'chai';
import {
  AT,
  acceptClaim,
  after,
  capture,
  CLERK,
  DRAFT,
  given,
  invoiceIn,
  issue,
  ON,
  onlyEvent,
  PAYER,
  refusalOf,
  rejectClaim,
  stateAfter,
  resubmitClaim,
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
      expect(onlyEvent(rejected, resubmitClaim('claim-1', DRAFT, ['charge-1']), 'ClaimSubmitted')).to.deep.include({
        submission: 2,
        lines: [{ chargeId: 'charge-1', amount: usd(10000) }],
      });
      const resubmitted = after(rejected, resubmitClaim());
      expect(stateAfter(resubmitted).claims['claim-1']).to.deep.include({ status: 'submitted', submission: 2 });
      expect(invoiceIn(resubmitted).claimIds).to.deep.equal(['claim-1']);
    });
    it('claims the correction’s own earlier lines again, not the whole invoice, when it names none', () =>
      expect(
        onlyEvent(after(claimable, submitClaim('claim-1', DRAFT, ['charge-2']), rejectClaim()), resubmitClaim(), 'ClaimSubmitted'),
      ).to.deep.include({ submission: 2, lines: [{ chargeId: 'charge-2', amount: usd(5000) }] }));
    it('claims lines no other claim holds', () =>
      expect(
        onlyEvent(
          after(claimable, submitClaim('claim-1', DRAFT, ['charge-1'])),
          submitClaim('claim-2', DRAFT, ['charge-2']),
          'ClaimSubmitted',
        ).lines,
      ).to.deep.equal([{ chargeId: 'charge-2', amount: usd(5000) }]));
    it('claims a line of a rejected claim on another claim', () =>
      expect(onlyEvent(rejected, submitClaim('claim-2', DRAFT, ['charge-1']), 'ClaimSubmitted').lines).to.deep.equal([
        { chargeId: 'charge-1', amount: usd(10000) },
      ]));
    it('refuses a line another claim holds with 409 CLAIMED_ELSEWHERE naming the field', () =>
      expect(
        refusalOf(after(claimable, submitClaim('claim-1', DRAFT, ['charge-1'])), submitClaim('claim-2', DRAFT, ['charge-2', 'charge-1'])),
      ).to.deep.include({
        kind: 'conflict',
        code: 'CLAIMED_ELSEWHERE',
        problems: [{ path: 'body.chargeIds.1', rule: 'must not be on another claim that was not rejected' }],
      }));
    it('refuses a line of an accepted claim with 409 CLAIMED_ELSEWHERE', () =>
      given(accepted)
        .when(submitClaim('claim-2', DRAFT, ['charge-2']))
        .thenFails('CLAIMED_ELSEWHERE'));
    it('refuses the whole invoice when another claim holds one of its lines with 409 CLAIMED_ELSEWHERE', () =>
      expect(refusalOf(after(claimable, submitClaim('claim-1', DRAFT, ['charge-2'])), submitClaim('claim-2')).problems).to.deep.equal([
        { path: 'body.chargeIds.1', rule: 'must not be on another claim that was not rejected' },
      ]));
    it('refuses a correction whose lines another claim took meanwhile with 409 CLAIMED_ELSEWHERE', () =>
      given(after(rejected, submitClaim('claim-2', DRAFT, ['charge-1'])))
        .when(resubmitClaim())
        .thenFails('CLAIMED_ELSEWHERE'));
    it('refuses a charge that is not a line of the invoice with 422 CLAIM_LINE_NOT_FOUND naming the field', () =>
      expect(refusalOf(claimable, submitClaim('claim-1', DRAFT, ['charge-1', 'charge-9']))).to.deep.include({
        kind: 'invariant',
        code: 'CLAIM_LINE_NOT_FOUND',
        problems: [{ path: 'body.chargeIds.1', rule: 'must be a charge of the invoice' }],
      }));
    it('records nothing when a new claim’s request is retried, whatever became of the claim', () => {
      given(accepted).when(submitClaim()).then([]);
      given(rejected).when(submitClaim()).then([]);
    });
    it('refuses a new claim under the id of a claim on another invoice with 409 DUPLICATE_ID', () =>
      given(after(rejected, capture('charge-3', 700, { draftId: 'invoice-x' }), issue('invoice-x', '2026-000002', 'invoice-y')))
        .when(submitClaim('claim-1', 'invoice-x'))
        .thenFails('DUPLICATE_ID'));
    it('refuses to resubmit an accepted claim with 409 CLAIM_STATE', () =>
      expect(refusalOf(accepted, resubmitClaim())).to.include({ kind: 'conflict', code: 'CLAIM_STATE' }));
    it('records nothing when a resubmission is retried', () => given(after(rejected, resubmitClaim())).when(resubmitClaim()).then([]));
    it('refuses a rejected claim’s correction on another invoice with 409 CLAIM_STATE', () =>
      given(after(rejected, capture('charge-3', 700, { draftId: 'invoice-x' }), issue('invoice-x', '2026-000002', 'invoice-y')))
        .when(resubmitClaim('claim-1', 'invoice-x'))
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
});
