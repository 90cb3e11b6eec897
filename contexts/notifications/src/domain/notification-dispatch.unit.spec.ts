import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { NotificationEvent } from './notification.events.js';
import { at, claim, claimA, claimedBy, leaseUntil, record, recipient, scheduled, sent } from './notification.fixtures.js';
import { recipientOf, WITHHELD } from './recipient.rules.js';

const given = specFor(notificationDecider);
const afterLease = '2026-12-06T10:01:06.000Z';

describe('Notification dispatch', () => {
  describe('when due and unclaimed', () => {
    it('is claimed for one dispatcher, with a key naming this attempt', () => given([scheduled]).when(claim('A')).then([claimA]));
    it('is not claimed before its time', () => given([scheduled]).when(claim('A', '2026-12-06T09:59:59.000Z')).thenFails('NOT_DUE'));
    it('numbers keys over the notification’s life, so a later attempt never reuses one', () => {
      const failed: NotificationEvent = { type: 'DeliveryAttemptFailed', data: { attempt: 1, error: 'x', at, retryAt: at } };
      given([scheduled, claimA, failed])
        .when(claim('B'))
        .then([claimedBy('B', { attempt: 2, idempotencyKey: 'reminder-a1:2' })]);
    });
    it('goes to the address the contact has now', () =>
      given([scheduled])
        .when({ ...claim('A'), recipient: { channel: 'sms', to: '+441632960961' } })
        .then([claimedBy('A', { channel: 'sms', to: '+441632960961' })]));
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
