import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { NotificationEvent } from './notification.events.js';
import { at, claim, claimA, claimedBy, scheduled, sent } from './notification.fixtures.js';

const given = specFor(notificationDecider);
const newTime = '2026-12-09T10:00:00.000Z';
const rearm = (trigger: string, dueAt = newTime) =>
  ({ type: 'RearmNotification', dueAt, subject: 'Appointment reminder', body: `at ${dueAt}`, trigger, at }) as const;
const rearmed = (trigger: string, dueAt = newTime): NotificationEvent => ({
  type: 'NotificationRearmed',
  data: { dueAt, subject: 'Appointment reminder', body: `at ${dueAt}`, trigger, at },
});
const moved = (trigger: string, dueAt = newTime): NotificationEvent => ({
  type: 'NotificationMoved',
  data: { dueAt, body: `at ${dueAt}`, trigger },
});

describe('Reminder following its appointment', () => {
  it('moves while still scheduled', () =>
    given([scheduled])
      .when(rearm('r1'))
      .then([moved('r1')]));
  it('is re-armed for the new time after it went out', () =>
    given([scheduled, claimA, ...sent()])
      .when(rearm('r1'))
      .then([rearmed('r1')]));
  it('is re-armed after it was cancelled as too close', () => {
    const tooClose: NotificationEvent = { type: 'NotificationCancelled', data: { reason: 'too close', at, trigger: 'r1' } };
    given([scheduled, tooClose])
      .when(rearm('r2'))
      .then([rearmed('r2')]);
  });
  it('re-arms once per trigger, however often the trigger is handled', () => {
    given([scheduled, claimA, ...sent(), rearmed('r1')])
      .when(rearm('r1'))
      .then([]);
    given([scheduled, moved('r1')])
      .when(rearm('r1'))
      .then([]);
    given([{ type: 'NotificationScheduled', data: { ...scheduled.data, trigger: 'r1' } } as NotificationEvent])
      .when(rearm('r1'))
      .then([]);
  });
  it('is not cancelled again by a replayed trigger after a later re-arm', () => {
    const tooClose: NotificationEvent = { type: 'NotificationCancelled', data: { reason: 'too close', at, trigger: 'r1' } };
    given([scheduled, tooClose, rearmed('r2')])
      .when({ type: 'CancelNotification', reason: 'too close', at, trigger: 'r1' })
      .then([]);
  });
  it('follows any sequence of reschedules, each sent under a key of its own', () => {
    const history = [scheduled, claimA, ...sent(), rearmed('r1')];
    given(history)
      .when(claim('B', newTime))
      .then([claimedBy('B', { at: newTime, idempotencyKey: 'reminder-a1:2' })]);
    const secondRound = [...history, claimedBy('B', { at: newTime, idempotencyKey: 'reminder-a1:2' }), ...sent(1, 'reminder-a1:2')];
    given(secondRound)
      .when(rearm('r2', '2026-12-20T10:00:00.000Z'))
      .then([rearmed('r2', '2026-12-20T10:00:00.000Z')]);
  });
  it('drops a claim in flight when moved, so the moved reminder is sent again for the new time', () =>
    given([scheduled, claimA, moved('r1')])
      .when(claim('B', newTime))
      .then([claimedBy('B', { at: newTime, idempotencyKey: 'reminder-a1:2' })]));
});
