import { policyContext, toDomainEvent, type EventStore, type StoredEvent } from '@hcms/shared-kernel';
import { labOrderEvents } from '@hcms/laboratory/contract';
import { labNotices } from './lab-notices.js';
import { policyRunner } from './notification-command.js';
import type { NotificationsDeps } from './notifications.deps.js';

export const LAB_TOPICS = ['laboratory.CriticalResultDetected', 'laboratory.CriticalCallbackRecorded', 'laboratory.LabResultFinalized'];

/**
 * Whether the laboratory already recorded a read-back of the alert. A subscription reading the log
 * from its start (a new deployment) meets an alert long answered before its callback: it must not
 * page anyone in between. The order's stream is short, and read only when an alert is raised.
 */
const readBackRecorded = async (store: EventStore, labOrderStream: string, alertId: string): Promise<boolean> =>
  (await store.readStream(labOrderStream)).some((stored) => {
    if (stored.type !== 'laboratory.CriticalCallbackRecorded') return false;
    const callback = toDomainEvent(labOrderEvents, stored);
    return callback.type === 'CriticalCallbackRecorded' && callback.data.alertId === alertId && callback.data.readBack;
  });

/**
 * Turns Laboratory's events into notifications (see `labNotices`): a critical result alert that
 * repeats until its read-back is recorded, and notices that results are available. Ids come from
 * the trigger (`critical-<alertId>`, `results-<labOrderId>-<reportVersion>`,
 * `corrected-<labOrderId>-<reportVersion>`), so handling an event again changes nothing.
 */
export const onLabEvent =
  (deps: NotificationsDeps) =>
  async (stored: StoredEvent): Promise<void> => {
    if (!LAB_TOPICS.includes(stored.type)) return;
    const event = toDomainEvent(labOrderEvents, stored);
    const ctx = policyContext('notifications.on-lab-event', stored, deps.clock.now());
    const patientId = stored.metadata.patientId ?? ('patientId' in event.data ? event.data.patientId : undefined);
    const notices = labNotices(event, {
      trigger: stored.id,
      recordedAt: stored.recordedAt,
      now: ctx.now.toISOString(),
      escalation: deps.criticalEscalation,
      patientDeceased: event.type === 'LabResultFinalized' && (await deps.contacts.contactOf(event.data.patientId))?.deceased === true,
      alertAcknowledged:
        event.type === 'CriticalResultDetected' && (await readBackRecorded(deps.store, stored.streamId, event.data.alertId)),
    });
    const run = policyRunner(deps, ctx, patientId);
    for (const { notificationId, command } of notices) await run(notificationId, command);
  };
