import { specFor } from '@hcms/shared-kernel/testing';
import { notificationDecider } from './notification.decider.js';
import type { NotificationEvent } from './notification.events.js';
import { at, scheduled } from './notification.fixtures.js';

const given = specFor(notificationDecider);
const erased: NotificationEvent = { type: 'NotificationDetailsErased', data: { at } };

describe('A notification whose patient is erased', () => {
  it('forgets its details once, however often the erasure is seen', () => {
    given([scheduled]).when({ type: 'EraseDetails', at }).then([erased]);
    given([scheduled, erased]).when({ type: 'EraseDetails', at }).then([]);
  });

  it('is not made up for a notification that never was', () =>
    given([]).when({ type: 'EraseDetails', at }).thenFails('NOTIFICATION_NOT_FOUND'));
});
