import { expect } from 'chai';
import type { LongText } from '@hcms/shared-kernel';
import {
  after,
  at,
  cancel,
  CLINICIAN,
  collected,
  correct,
  corrected,
  final,
  given,
  numeric,
  orderAfter,
  ordered,
  POTASSIUM,
  received,
  refusalOf,
  reject,
  resulted,
} from './lab-order.fixtures.js';

describe('Lab order', () => {
  describe('when cancelled', () => {
    it('records who cancelled it, when and why', () =>
      given(ordered)
        .when(cancel('Ordered on the wrong encounter'))
        .then([
          {
            type: 'LabOrderCancelled',
            data: { cancelledBy: CLINICIAN, cancelledAt: at, reason: 'Ordered on the wrong encounter' as LongText },
          },
        ]));
    it('becomes cancelled', () => expect(orderAfter(after(ordered, cancel())).status).to.equal('cancelled'));
    it('cancels an order whose specimen is collected', () => expect(orderAfter(after(collected, cancel())).status).to.equal('cancelled'));
    it('cancels an order whose specimen is received', () => expect(orderAfter(after(received, cancel())).status).to.equal('cancelled'));
    it('cancels an order waiting for a new specimen', () =>
      expect(orderAfter(after(collected, reject(), cancel())).status).to.equal('cancelled'));
    it('refuses a second cancellation with 409 LAB_ORDER_CANCELLED', () =>
      expect(refusalOf(after(ordered, cancel()), cancel())).to.include({ kind: 'conflict', code: 'LAB_ORDER_CANCELLED' }));
    it('refuses an order with results with 409 RESULTS_ENTERED', () =>
      expect(refusalOf(resulted, cancel())).to.include({ kind: 'conflict', code: 'RESULTS_ENTERED' }));
    it('refuses a final report with 409 LAB_ORDER_FINAL', () =>
      expect(refusalOf(final, cancel())).to.include({ kind: 'conflict', code: 'LAB_ORDER_FINAL' }));
    it('refuses a corrected report with 409 LAB_ORDER_FINAL', () => given(corrected).when(cancel()).thenFails('LAB_ORDER_FINAL'));
    it('refuses a report being corrected with 409 LAB_ORDER_FINAL', () =>
      given(after(final, correct([numeric(POTASSIUM, 3.9)])))
        .when(cancel())
        .thenFails('LAB_ORDER_FINAL'));
  });
});
