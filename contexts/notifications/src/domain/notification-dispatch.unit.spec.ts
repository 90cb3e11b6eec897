import { expect } from 'chai';
import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { ActiveNotification } from './notification.state.js';
import type { NotificationEvent } from './notification.events.js';
import { at, claim, claimA, claimedBy, leaseUntil, record, recipient, scheduled, sent } from './notification.fixtures.js';
import { recipientOf, WITHHELD } from './recipient.rules.js';

const given = specFor(notificationDecider);
const afterLease = '2026-12-06T10:01:06.000Z';

describe('Notification dispatch', () => {
  describe('when due and unclaimed', () => {
    it('is claimed for one dispatcher, with a key naming this attempt', () => given([scheduled]).when(claim('A')).then([claimA]));
    it('is not claimed before its time', () => given([scheduled]).when(claim('A', '2026-12-06T09:59:59.000Z')).thenFails('NOT_DUE'));
    it('goes to the address the contact has now', () =>
      given([scheduled])
        .when({ ...claim('A'), recipient: { channel: 'sms', to: '+441632960961' } })
        .then([claimedBy('A', { channel: 'sms', to: '+441632960961' })]));
  });

  describe('after a failed attempt', () => {
    // A send that timed out may have been taken: the retry is the same message, under the same key.
    const failed: NotificationEvent = { type: 'DeliveryAttemptFailed', data: { attempt: 1, error: 'timed out', at, retryAt: at } };
    const stateAfter = (events: readonly NotificationEvent[]) =>
      events.reduce(notificationDecider.evolve, notificationDecider.initialState) as ActiveNotification;
    it('is retried under the same key, and the channel is asked first', () => {
      const retried = claimedBy('B', { attempt: 2 });
      given([scheduled, claimA, failed]).when(claim('B')).then([retried]);
      expect(stateAfter([scheduled, claimA]).claim?.askFirst).to.equal(false);
      expect(stateAfter([scheduled, claimA, failed, retried]).claim).to.deep.include({ idempotencyKey: 'reminder-a1:1', askFirst: true });
    });
    it('is a new message under a new key once the recipient changed', () =>
      given([scheduled, claimA, failed])
        .when({ ...claim('B'), recipient: { channel: 'email', to: 'new@example.org' } })
        .then([claimedBy('B', { attempt: 2, idempotencyKey: 'reminder-a1:2', to: 'new@example.org' })]));
    it('is a new message under a new key once moved, or retried by an operator after failing for good', () => {
      const moved: NotificationEvent = { type: 'NotificationMoved', data: { dueAt: at, body: 'later', trigger: 'r1' } };
      given([scheduled, claimA, failed, moved])
        .when(claim('B'))
        .then([claimedBy('B', { attempt: 2, idempotencyKey: 'reminder-a1:2' })]);
      const gaveUp: NotificationEvent = { type: 'DeliveryFailed', data: { attempts: 1, error: 'timed out', at } };
      given([scheduled, claimA, gaveUp, { type: 'DeliveryRetried', data: { at } }])
        .when(claim('B'))
        .then([claimedBy('B', { idempotencyKey: 'reminder-a1:2' })]);
    });
  });

  describe('when claimed', () => {
    it('refuses a second dispatcher while the lease is live', () =>
      given([scheduled, claimA]).when(claim('B')).thenFails('NOTIFICATION_CLAIMED'));
    it('lets another dispatcher take over an expired claim with the same key and recipient', () =>
      given([scheduled, claimA])
        .when({ ...claim('B', afterLease), recipient: { channel: 'sms', to: '+44' } })
        .then([claimedBy('B', { at: afterLease, leaseUntil, takesOverFrom: 'A' })]));
    it('records the outcome only for the dispatcher holding the claim', () => {
      const takenOver = claimedBy('B', { takesOverFrom: 'A' });
      given([scheduled, claimA, takenOver]).when(record('A', true)).thenFails('CLAIM_LOST');
      given([scheduled, claimA, takenOver]).when(record('B', true)).then(sent());
      given([scheduled]).when(record('A', true)).thenFails('CLAIM_LOST');
    });
    it('refuses once sent, whoever asks', () =>
      given([scheduled, claimA, ...sent()])
        .when(claim('B', afterLease))
        .thenFails('NOTIFICATION_CLOSED'));
  });

  describe('when the patient cannot or must not be reached', () => {
    const cancelledFor = (reason: string): NotificationEvent[] => [{ type: 'NotificationCancelled', data: { reason, at } }];
    it('is cancelled for an opted-out patient', () =>
      given([scheduled])
        .when({ ...claim('A'), recipient: recipientOf({ email: 'ada@example.org', optOut: true }) })
        .then(cancelledFor(WITHHELD.optedOut.withheld)));
    it('is cancelled for a deceased patient, even one who never opted out', () =>
      given([scheduled])
        .when({ ...claim('A'), recipient: recipientOf({ email: 'ada@example.org', optOut: false, deceased: true }) })
        .then(cancelledFor(WITHHELD.deceased.withheld)));
    it('is cancelled when no address is left', () =>
      given([scheduled])
        .when({ ...claim('A'), recipient: recipientOf({ optOut: false, preferred: 'sms' }) })
        .then(cancelledFor(WITHHELD.noAddress.withheld)));
    it('prefers the preferred channel and falls back to the other', () => {
      given([scheduled])
        .when({ ...claim('A'), recipient: recipientOf({ email: 'e@x.org', phone: '+44', preferred: 'sms', optOut: false }) })
        .then([claimedBy('A', { channel: 'sms', to: '+44' })]);
      given([scheduled])
        .when({ ...claim('A'), recipient: recipientOf({ email: 'ada@example.org', preferred: 'sms', optOut: false }) })
        .then([claimA]);
    });
    it('is still sent on takeover: the message may already be out', () =>
      given([scheduled, claimA])
        .when({ ...claim('B', afterLease), recipient: WITHHELD.optedOut })
        .then([claimedBy('B', { at: afterLease, takesOverFrom: 'A', ...recipient })]));
  });
});
