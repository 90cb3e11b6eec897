import { expect } from 'chai';
import {
  after,
  at,
  callback,
  criticalFinal,
  given,
  iso,
  LAB_ORDER,
  orderAfter,
  POTASSIUM,
  read,
  refusalOf,
  TECHNICIAN,
} from './lab-order.fixtures.js';

const ALERT = `${LAB_ORDER}.1`;
const calledAt = iso('2026-03-02T08:55:00.000Z');

describe('Lab order', () => {
  describe('when a critical result is called through', () => {
    it('records who was reached, the read-back, and the values as told', () =>
      given(criticalFinal)
        .when(callback(ALERT, true, calledAt))
        .then([
          {
            type: 'CriticalCallbackRecorded',
            data: {
              alertId: ALERT,
              reportVersion: 1,
              reached: { name: 'Dr. Cameron', role: 'covering-clinician' },
              readBack: true,
              calledAt,
              recordedBy: TECHNICIAN,
              recordedAt: at,
              results: [read(POTASSIUM, 6.8)],
            },
          },
        ]));
    it('closes the alert once the values are read back', () =>
      expect(orderAfter(after(criticalFinal, callback(ALERT, true))).alerts[0]?.closed).to.equal(true));
    it('records a call without read-back and leaves the alert open: escalation goes on', () => {
      const unconfirmed = after(criticalFinal, callback(ALERT, false));
      expect(unconfirmed).to.have.length(criticalFinal.length + 1);
      expect(orderAfter(unconfirmed).alerts[0]?.closed).to.equal(false);
      expect(orderAfter(after(unconfirmed, callback(ALERT, true))).alerts[0]?.closed).to.equal(true);
    });
    it('refuses an unknown alert with 404 ALERT_NOT_FOUND', () =>
      expect(refusalOf(criticalFinal, callback(`${LAB_ORDER}.2`, true))).to.include({ kind: 'not-found', code: 'ALERT_NOT_FOUND' }));
    it('refuses a call on a closed alert with 409 ALERT_CLOSED', () =>
      expect(refusalOf(after(criticalFinal, callback(ALERT, true)), callback(ALERT, true))).to.include({
        kind: 'conflict',
        code: 'ALERT_CLOSED',
      }));
    it('refuses a call in the future with 422 CALLED_IN_FUTURE', () =>
      expect(refusalOf(criticalFinal, callback(ALERT, true, iso('2026-03-02T09:05:00.000Z')))).to.deep.include({
        kind: 'invariant',
        code: 'CALLED_IN_FUTURE',
        problems: [{ path: 'body.calledAt', rule: 'must not be in the future' }],
      }));
  });
});
