import { expect } from 'chai';
import { addSeconds } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { NotificationEvent } from './notification.events.js';
import { alert, at, claim, claimedBy, escalation, record, scheduled } from './notification.fixtures.js';
import type { ActiveNotification } from './notification.state.js';

const given = specFor(notificationDecider);
const stateAfter = (events: readonly NotificationEvent[]) =>
  events.reduce(notificationDecider.evolve, notificationDecider.initialState) as ActiveNotification;
const later = addSeconds(at, escalation.repeatEverySeconds);
const gaveUp: NotificationEvent = { type: 'DeliveryFailed', data: { attempts: 3, error: 'sms provider down', at } };
const repeated = (round: number, dueAt: string): NotificationEvent => ({ type: 'NotificationRepeated', data: { round, dueAt, at } });
const retried: NotificationEvent = { type: 'DeliveryRetried', data: { at } };
const retry = { type: 'RetryDelivery', at } as const;
/** The on-call contact's round 3 failed for good; round 4 waits for the repeat interval. */
const failing = [alert, gaveUp, repeated(4, later)];

describe('A critical result alert that cannot be delivered', () => {
  it('stays failing, for operators to see, while it goes on to its next round', () =>
    expect(stateAfter(failing)).to.deep.include({ status: 'scheduled', round: 4, dueAt: later, failing: true }));

  it('is no longer failing once a round goes out', () => {
    const claimed = claimedBy('A', { idempotencyKey: 'critical-al1:1' });
    const sent: NotificationEvent[] = [
      { type: 'NotificationSent', data: { attempt: 1, at, reference: 'smtp-250', idempotencyKey: 'critical-al1:1', channel: 'email' } },
      { type: 'NotificationDelivered', data: { at } },
    ];
    given([...failing, claimed])
      .when(record('A', true))
      .then([...sent, repeated(5, later)]);
    expect(stateAfter([...failing, claimed, ...sent])).not.to.have.property('failing');
  });

  it('is stopped by an acknowledgement', () => {
    given(failing)
      .when({ type: 'AcknowledgeNotification', at, trigger: 'callback-1' })
      .then([{ type: 'NotificationAcknowledged', data: { at, trigger: 'callback-1' } }]);
    given([...failing, { type: 'NotificationAcknowledged', data: { at, trigger: 'callback-1' } }])
      .when(claim('A', later))
      .thenFails('NOTIFICATION_CLOSED');
  });

  describe('when an operator retries it', () => {
    it('brings the pending round forward, as a new message, and adds no round', () => {
      given(failing).when(retry).then([retried]);
      expect(stateAfter([...failing, retried])).to.deep.include({ status: 'scheduled', round: 4, dueAt: at, attempts: 0 });
      expect(stateAfter([...failing, retried])).not.to.have.property('failing');
    });
    it('retries once: a second retry finds nothing failing', () =>
      given([...failing, retried])
        .when(retry)
        .thenFails('NOT_FAILED'));
    it('refuses while a dispatcher is sending it', () =>
      given([...failing, claimedBy('A', { idempotencyKey: 'critical-al1:1', at: later })])
        .when(retry)
        .thenFails('NOTIFICATION_CLAIMED'));
    it('refuses an alert that is not failing, or was acknowledged', () => {
      given([alert]).when(retry).thenFails('NOT_FAILED');
      given([...failing, { type: 'NotificationAcknowledged', data: { at, trigger: 'callback-1' } }])
        .when(retry)
        .thenFails('NOT_FAILED');
    });
    it('still schedules again a failed message that does not escalate', () => {
      given([scheduled, gaveUp]).when(retry).then([retried]);
      expect(stateAfter([scheduled, gaveUp, retried])).to.deep.include({ status: 'scheduled', dueAt: at });
    });
  });
});
