import { expect } from 'chai';
import type { StoredEvent } from '@hcms/shared-kernel';
import { notificationListProjection, type NotificationView } from './notification-list.projection.js';

let version = 0;
const notificationEvent = (type: string, data: unknown): StoredEvent => ({
  id: `e${++version}`,
  type: `notifications.${type}`,
  streamId: 'notification-n1',
  version,
  position: version,
  recordedAt: '2026-12-06T10:00:00.000Z',
  data,
  metadata: { actor: { id: 'policy', role: 'admin' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId: 'p1' },
});
const evolve = (events: StoredEvent[]): NotificationView | null =>
  events.reduce<NotificationView | null>((doc, e) => notificationListProjection.evolve(doc, e), null);

describe('The notification list', () => {
  it('drops the channel error and the notes of a notification whose patient was erased', () => {
    const at = '2026-12-06T10:00:00.000Z';
    const doc = evolve([
      notificationEvent('NotificationScheduled', {
        notificationId: 'n1',
        patientId: 'p1',
        appointmentId: 'a1',
        kind: 'reminder',
        subject: 'Your appointment',
        body: 'Dear Ada…',
        dueAt: at,
      }),
      notificationEvent('DeliveryFailed', { attempts: 5, error: '550 <ada@example.org>: mailbox unavailable', at }),
      notificationEvent('NotificationDetailsErased', { at }),
    ]);
    expect(doc?.lastError).to.equal(undefined);
    expect(JSON.stringify(doc)).not.to.include('ada@example.org');
    expect(doc?.history.every((h) => h.note === undefined)).to.equal(true);
    expect(doc?.status).to.equal('failed');
  });
});
