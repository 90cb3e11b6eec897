import { toDomainEvent } from '@hcms/shared-kernel';
import { notificationEvents } from '@hcms/notifications/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

/**
 * A notification with its status history; the dispatcher finds due ones by status and dueAt (an
 * escalating one is due again at each round). Listed under the patient it is about, also when it
 * went to staff (`audience`).
 */
export interface NotificationView {
  readonly notificationId: string;
  readonly patientId: string;
  readonly appointmentId?: string;
  readonly labOrderId?: string;
  /** Absent: to the patient. */
  readonly audience?: 'patient' | 'staff';
  readonly staffId?: string;
  readonly kind: string;
  /** Where it went (or, until sent, where it would have gone when scheduled). */
  readonly channel?: string;
  readonly status: 'scheduled' | 'sent' | 'delivered' | 'failed' | 'cancelled' | 'acknowledged';
  readonly dueAt: string;
  /** The round of an escalating message being sent. */
  readonly round?: number;
  readonly attempts: number;
  readonly lastError?: string;
  /**
   * Its last message failed for good and none has gone out since: listed for operators. An
   * escalating message stays `scheduled` for its next round meanwhile, so the status cannot say it.
   */
  readonly failing?: true;
  readonly history: readonly { readonly status: string; readonly at: string; readonly note?: string }[];
}

export const notificationListProjection: Projection<NotificationView> = {
  name: 'notification-list',
  indexes: [{ fields: ['patientId'] }, { fields: ['status', 'dueAt'] }, { fields: ['failing'] }],
  documentOf: documentPerStream('notification-'),
  evolve: (doc, event) => {
    const e = toDomainEvent(notificationEvents, event);
    if (e.type === 'NotificationScheduled') {
      const { notificationId, patientId, appointmentId, labOrderId, audience, staffId, escalation, kind, channel, dueAt } = e.data;
      return {
        notificationId,
        patientId,
        ...(appointmentId === undefined ? {} : { appointmentId }),
        ...(labOrderId === undefined ? {} : { labOrderId }),
        ...(audience === undefined ? {} : { audience }),
        ...(staffId === undefined ? {} : { staffId }),
        kind,
        ...(channel ? { channel } : {}),
        dueAt,
        ...(escalation ? { round: 1 } : {}),
        status: 'scheduled',
        attempts: 0,
        history: [{ status: 'scheduled', at: event.recordedAt, note: `due ${dueAt}` }],
      };
    }
    if (!doc) return null;
    // A message went out, or was started again, stopped or cancelled: nothing left for operators to do.
    const { failing: _failing, ...recovered } = doc;
    const step = (
      status: NotificationView['status'],
      at: string,
      note?: string,
      change: Partial<NotificationView> = {},
      from: NotificationView = doc,
    ): NotificationView => ({
      ...from,
      ...change,
      // A send that was in flight when it was acknowledged is history; the message stays acknowledged.
      status: doc.status === 'acknowledged' && (status === 'sent' || status === 'delivered') ? doc.status : status,
      history: [...doc.history, { status, at, ...(note ? { note } : {}) }],
    });
    switch (e.type) {
      case 'NotificationMoved':
        return step('scheduled', event.recordedAt, `moved to ${e.data.dueAt}`, { dueAt: e.data.dueAt });
      case 'NotificationRearmed':
        return step('scheduled', e.data.at, `re-armed for ${e.data.dueAt}`, { dueAt: e.data.dueAt, attempts: 0 }, recovered);
      case 'NotificationDispatchClaimed':
        // A claim changes nothing a reader needs, unless it took over from a dispatcher that stalled.
        return e.data.takesOverFrom === undefined
          ? doc
          : step('scheduled', e.data.at, `attempt ${e.data.attempt} taken over from a stalled dispatcher`);
      case 'NotificationCancelled':
        return step('cancelled', e.data.at, e.data.reason, {}, recovered);
      case 'DeliveryAttemptFailed':
        return step('scheduled', e.data.at, `attempt ${e.data.attempt} failed; retry at ${e.data.retryAt}`, {
          dueAt: e.data.retryAt,
          attempts: e.data.attempt,
          lastError: e.data.error,
        });
      case 'NotificationSent':
        return step(
          'sent',
          e.data.at,
          undefined,
          { attempts: e.data.attempt, ...(e.data.channel ? { channel: e.data.channel } : {}) },
          recovered,
        );
      case 'NotificationDelivered':
        return step('delivered', e.data.at);
      case 'DeliveryFailed':
        return step('failed', e.data.at, `gave up after ${e.data.attempts} attempts`, {
          attempts: e.data.attempts,
          lastError: e.data.error,
          failing: true,
        });
      case 'DeliveryRetried':
        return step('scheduled', e.data.at, 'retried by an operator', { dueAt: e.data.at, attempts: 0 }, recovered);
      case 'NotificationRepeated':
        return step('scheduled', e.data.at, `round ${e.data.round} due ${e.data.dueAt}`, {
          dueAt: e.data.dueAt,
          round: e.data.round,
          attempts: 0,
        });
      case 'NotificationAcknowledged':
        return step('acknowledged', e.data.at, undefined, {}, recovered);
      // Its patient was erased: a channel's error (it may repeat the address) and the notes go.
      case 'NotificationDetailsErased': {
        const { lastError: _erased, ...rest } = doc;
        return { ...rest, history: doc.history.map(({ status, at }) => ({ status, at })) };
      }
    }
  },
};
