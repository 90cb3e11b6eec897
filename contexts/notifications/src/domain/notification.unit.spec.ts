import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import { NotificationEvent } from './notification.events.js';
import { at, claimA, claimedBy, record, scheduled, scheduledData, sent } from './notification.fixtures.js';

const given = specFor(notificationDecider);

describe('Notification', () => {
  it('is scheduled once per trigger, however often the trigger is seen', () => {
    given([])
      .when({ type: 'ScheduleNotification', ...scheduledData })
      .then([scheduled]);
    given([scheduled])
      .when({ type: 'ScheduleNotification', ...scheduledData })
      .then([]);
  });
  it('is cancelled while still scheduled, and a cancelled one stays quiet', () => {
    const cancelled: NotificationEvent = { type: 'NotificationCancelled', data: { reason: 'appointment cancelled', at } };
    given([scheduled]).when({ type: 'CancelNotification', reason: 'appointment cancelled', at }).then([cancelled]);
    given([scheduled, cancelled]).when({ type: 'CancelNotification', reason: 'again', at }).then([]);
    given([scheduled, cancelled, claimA]).when(record('A', true)).thenFails('NOTIFICATION_CLOSED');
  });
  it('is sent and delivered by the dispatcher holding its claim', () => given([scheduled, claimA]).when(record('A', true)).then(sent()));
  it('retries a failure with exponential backoff, each attempt a fresh claim of the same message, then fails for good', () => {
    const first: NotificationEvent = {
      type: 'DeliveryAttemptFailed',
      data: { attempt: 1, error: 'smtp down', at, retryAt: '2026-12-06T10:00:15.000Z' },
    };
    const second: NotificationEvent = {
      type: 'DeliveryAttemptFailed',
      data: { attempt: 2, error: 'smtp down', at, retryAt: '2026-12-06T10:00:25.000Z' },
    };
    const claim2 = claimedBy('A', { attempt: 2 });
    const claim3 = claimedBy('A', { attempt: 3 });
    given([scheduled, claimA]).when(record('A', false)).then([first]);
    given([scheduled, claimA, first, claim2]).when(record('A', false)).then([second]);
    given([scheduled, claimA, first, claim2, second, claim3])
      .when(record('A', false))
      .then([{ type: 'DeliveryFailed', data: { attempts: 3, error: 'smtp down', at } }]);
    given([scheduled, claimA, first]).when(record('A', false)).thenFails('CLAIM_LOST');
  });
  it('can be retried by an operator once failed, and only then', () => {
    const failed: NotificationEvent = { type: 'DeliveryFailed', data: { attempts: 3, error: 'smtp down', at } };
    given([scheduled, failed])
      .when({ type: 'RetryDelivery', at })
      .then([{ type: 'DeliveryRetried', data: { at } }]);
    given([scheduled]).when({ type: 'RetryDelivery', at }).thenFails('NOT_FAILED');
  });
  it('refuses commands for an unknown notification', () =>
    given([]).when({ type: 'RetryDelivery', at }).thenFails('NOTIFICATION_NOT_FOUND'));
  it('still reads events written before claims and triggers existed', () => {
    const { trigger: _t, ...before } = scheduledData;
    const old = [
      { type: 'NotificationScheduled', data: before },
      { type: 'NotificationMoved', data: { dueAt: at, body: 'b' } },
      { type: 'NotificationSent', data: { attempt: 1, at, reference: 'smtp-250' } },
    ];
    for (const e of old) expect(E.isRight(NotificationEvent.decode(e)), e.type).to.equal(true);
  });
});
