import { expect } from 'chai';
import { addSeconds } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { NotificationEvent } from './notification.events.js';
import { alert, alertData, at, claim, claimedBy, escalation, leaseUntil, record } from './notification.fixtures.js';
import type { ActiveNotification } from './notification.state.js';
import { staffRecipientOf, UNREACHABLE } from './staff-recipient.rules.js';

const given = specFor(notificationDecider);
const key = (n: number) => `critical-al1:${n}`;
const claimed = (n: number, dispatcher = 'A', when = at) =>
  claimedBy(dispatcher, { idempotencyKey: key(n), at: when, leaseUntil: addSeconds(when, 60) });
const sentAs = (n: number, when = at): NotificationEvent[] => [
  { type: 'NotificationSent', data: { attempt: 1, at: when, reference: 'smtp-250', idempotencyKey: key(n), channel: 'email' } },
  { type: 'NotificationDelivered', data: { at: when } },
];
const repeated = (round: number, dueAt = addSeconds(at, escalation.repeatEverySeconds), when = at): NotificationEvent => ({
  type: 'NotificationRepeated',
  data: { round, dueAt, at: when },
});
const acknowledge = (trigger = 'callback-1') => ({ type: 'AcknowledgeNotification', at, trigger }) as const;
const acknowledged = (trigger = 'callback-1'): NotificationEvent => ({ type: 'NotificationAcknowledged', data: { at, trigger } });
const stateAfter = (events: readonly NotificationEvent[]) =>
  events.reduce(notificationDecider.evolve, notificationDecider.initialState) as ActiveNotification;
const round2At = addSeconds(at, escalation.repeatEverySeconds);

describe('A critical result alert', () => {
  describe('when sent and not acknowledged', () => {
    it('is due again after the repeat interval, as the next round', () =>
      given([alert, claimed(1)])
        .when(record('A', true))
        .then([...sentAs(1), repeated(2)]));
    it('sends the next round as a new message, under a new key', () => {
      given([alert, claimed(1), ...sentAs(1), repeated(2)])
        .when(claim('B', round2At))
        .then([claimedBy('B', { idempotencyKey: key(2), at: round2At })]);
      expect(stateAfter([alert, claimed(1), ...sentAs(1), repeated(2)])).to.deep.include({ status: 'scheduled', round: 2, attempts: 0 });
    });
    it('is not sent again before the next round is due', () =>
      given([alert, claimed(1), ...sentAs(1), repeated(2)])
        .when(claim('B', addSeconds(at, 1)))
        .thenFails('NOT_DUE'));
  });

  describe('when acknowledged', () => {
    const history = [alert, claimed(1), ...sentAs(1), repeated(2)];
    it('cancels the pending round', () => {
      given(history).when(acknowledge()).then([acknowledged()]);
      given([...history, acknowledged()])
        .when(claim('B', round2At))
        .thenFails('NOTIFICATION_CLOSED');
    });
    it('is acknowledged once, whichever callback is seen again', () => {
      given([...history, acknowledged()])
        .when(acknowledge())
        .then([]);
      given([...history, acknowledged()])
        .when(acknowledge('callback-2'))
        .then([]);
    });
    it('lets a claim in flight record its send, and no round follows it', () => {
      given([alert, claimed(1), acknowledged()])
        .when(record('A', true))
        .then(sentAs(1));
      expect(stateAfter([alert, claimed(1), acknowledged(), ...sentAs(1)]).status).to.equal('acknowledged');
      given([alert, claimed(1), acknowledged()])
        .when(record('A', false))
        .thenFails('NOTIFICATION_CLOSED');
      given([alert, claimed(1), acknowledged()])
        .when(record('B', true))
        .thenFails('NOTIFICATION_CLOSED');
    });
    it('takes over no expired claim: the message is no longer needed', () =>
      given([alert, claimed(1), acknowledged()])
        .when(claim('B', addSeconds(leaseUntil, 1)))
        .thenFails('NOTIFICATION_CLOSED'));
    it('stops an alert that had failed for good, so operators need not retry it', () => {
      const failed: NotificationEvent = { type: 'DeliveryFailed', data: { attempts: 3, error: 'smtp down', at } };
      given([alert, failed]).when(acknowledge()).then([acknowledged()]);
      expect(stateAfter([alert, failed, acknowledged()]).status).to.equal('acknowledged');
    });
  });

  describe('when nobody can be reached', () => {
    it('is a failed attempt, retried, never cancelled', () =>
      given([alert])
        .when({ ...claim('A'), recipient: UNREACHABLE.nobody })
        .then([
          {
            type: 'DeliveryAttemptFailed',
            data: { attempt: 1, error: UNREACHABLE.nobody.unreachable, at, retryAt: addSeconds(at, 10) },
          },
        ]));
    it("goes on to the on-call contact at once when the staff member's round fails for good", () => {
      const failedAttempt = (attempt: number): NotificationEvent => ({
        type: 'DeliveryAttemptFailed',
        data: { attempt, error: 'smtp down', at, retryAt: at },
      });
      const history = [alert, claimed(1), failedAttempt(1), claimedBy('A', { attempt: 2, idempotencyKey: key(1) }), failedAttempt(2)];
      given([...history, claimedBy('A', { attempt: 3, idempotencyKey: key(1) })])
        .when(record('A', false))
        .then([{ type: 'DeliveryFailed', data: { attempts: 3, error: 'smtp down', at } }, repeated(3, at)]);
    });
    it("records the on-call contact's round failing, and goes on with the next round after the repeat interval", () => {
      const onCallRound = [alert, claimed(1), ...sentAs(1), repeated(2), claimed(2), ...sentAs(2), repeated(3)];
      const failedAttempt = (attempt: number): NotificationEvent => ({
        type: 'DeliveryAttemptFailed',
        data: { attempt, error: 'nobody', at, retryAt: at },
      });
      given([...onCallRound, failedAttempt(1), failedAttempt(2)])
        .when({ ...claim('A'), recipient: { unreachable: 'nobody' } })
        .then([{ type: 'DeliveryFailed', data: { attempts: 3, error: 'nobody', at } }, repeated(4, round2At)]);
    });
  });

  describe('whom each round goes to', () => {
    const member = { email: 'clinician@example.org' };
    const onCall = { phone: '+441632960000', preferred: 'sms' as const };
    it('goes to the staff member for the first rounds, then to the on-call contact', () => {
      expect(staffRecipientOf(1, escalation, member, onCall)).to.deep.equal({ channel: 'email', to: member.email });
      expect(staffRecipientOf(2, escalation, member, onCall)).to.deep.equal({ channel: 'email', to: member.email });
      expect(staffRecipientOf(3, escalation, member, onCall)).to.deep.equal({ channel: 'sms', to: onCall.phone });
      expect(staffRecipientOf(9, escalation, member, onCall)).to.deep.equal({ channel: 'sms', to: onCall.phone });
    });
    it('goes to the on-call contact at once when the staff member has no address', () => {
      expect(staffRecipientOf(1, escalation, undefined, onCall)).to.deep.equal({ channel: 'sms', to: onCall.phone });
      expect(staffRecipientOf(1, escalation, {}, onCall)).to.deep.equal({ channel: 'sms', to: onCall.phone });
    });
    it('stays with the staff member when there is no on-call contact', () =>
      expect(staffRecipientOf(3, escalation, member, undefined)).to.deep.equal({ channel: 'email', to: member.email }));
    it('sends a message that does not escalate to the staff member', () =>
      expect(staffRecipientOf(1, undefined, member, onCall)).to.deep.equal({ channel: 'email', to: member.email }));
    it('is unreachable with nobody to send to', () => expect(staffRecipientOf(3, escalation, {}, undefined)).to.equal(UNREACHABLE.nobody));
  });

  it('is raised once per alert, however often its detection is seen', () =>
    given([alert])
      .when({ type: 'ScheduleNotification', ...alertData })
      .then([]));
});
