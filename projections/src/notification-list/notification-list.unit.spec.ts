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
    expect(doc?.failing).to.equal(true);
  });

  describe('of a critical result alert', () => {
    const at = '2026-12-06T10:00:00.000Z';
    const later = '2026-12-06T10:10:00.000Z';
    const alert = notificationEvent('NotificationScheduled', {
      notificationId: 'critical-al1',
      patientId: 'p1',
      labOrderId: 'lo1',
      audience: 'staff',
      staffId: 'c1',
      escalation: { repeatEverySeconds: 600, onCallAfterRounds: 2 },
      kind: 'critical-result',
      subject: 'Critical laboratory result: call the laboratory',
      body: 'Laboratory order lo1 …',
      dueAt: at,
    });
    const sent = [
      notificationEvent('NotificationDispatchClaimed', {
        attempt: 1,
        dispatcher: 'A',
        at,
        leaseUntil: later,
        idempotencyKey: 'critical-al1:1',
        channel: 'email',
        to: 'c1@example.org',
      }),
      notificationEvent('NotificationSent', { attempt: 1, at, reference: 'r', idempotencyKey: 'critical-al1:1', channel: 'email' }),
    ];

    it('lists the next round as due at its time, so the dispatcher finds it', () => {
      const doc = evolve([alert, ...sent, notificationEvent('NotificationRepeated', { round: 2, dueAt: later, at })]);
      expect(doc).to.deep.include({ status: 'scheduled', dueAt: later, round: 2, attempts: 0, audience: 'staff', labOrderId: 'lo1' });
      expect(doc).not.to.have.property('appointmentId');
    });
    it('stays listed as failing while it goes on to its next round, until a round goes out', () => {
      const gaveUp = notificationEvent('DeliveryFailed', { attempts: 3, error: 'sms provider down', at });
      const nextRound = notificationEvent('NotificationRepeated', { round: 4, dueAt: later, at });
      const failing = evolve([alert, gaveUp, nextRound]);
      expect(failing).to.deep.include({ status: 'scheduled', round: 4, dueAt: later, failing: true, lastError: 'sms provider down' });
      expect(evolve([alert, gaveUp, nextRound, ...sent])).not.to.have.property('failing');
    });
    it('is no longer listed as failing once retried by an operator or acknowledged', () => {
      const gaveUp = notificationEvent('DeliveryFailed', { attempts: 3, error: 'sms provider down', at });
      const nextRound = notificationEvent('NotificationRepeated', { round: 4, dueAt: later, at });
      const retried = evolve([alert, gaveUp, nextRound, notificationEvent('DeliveryRetried', { at })]);
      expect(retried).to.deep.include({ status: 'scheduled', round: 4, dueAt: at });
      expect(retried).not.to.have.property('failing');
      const acknowledged = notificationEvent('NotificationAcknowledged', { at, trigger: 'callback-1' });
      expect(evolve([alert, gaveUp, nextRound, acknowledged])).not.to.have.property('failing');
    });
    it('is no longer due once acknowledged, even when a send in flight is recorded after', () => {
      const acknowledged = notificationEvent('NotificationAcknowledged', { at, trigger: 'callback-1' });
      expect(evolve([alert, acknowledged])?.status).to.equal('acknowledged');
      expect(evolve([alert, sent[0]!, acknowledged, sent[1]!])?.status).to.equal('acknowledged');
    });
  });
});
