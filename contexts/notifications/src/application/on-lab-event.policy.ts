import { policyContext, toDomainEvent, type EventStore, type StoredEvent } from '@hcms/shared-kernel';
import { labOrderEvents, type LabOrderEvent } from '@hcms/laboratory/contract';
import { labNotices } from './lab-notices.js';
import { isAlertClosed, reportToTell } from './lab-order-history.js';
import { policyRunner } from './notification-command.js';
import type { NotificationsDeps } from './notifications.deps.js';

export const LAB_TOPICS = [
  'laboratory.CriticalResultDetected',
  'laboratory.CriticalCallbackRecorded',
  'laboratory.CriticalAlertSuperseded',
  'laboratory.LabResultFinalized',
];

const historyOf = async (store: EventStore, labOrderStream: string): Promise<LabOrderEvent[]> =>
  (await store.readStream(labOrderStream)).map((stored) => toDomainEvent(labOrderEvents, stored));

/** Whether the event closes an alert: a read-back recorded, or the alert's report replaced. */
const closesAlert = (event: LabOrderEvent): boolean =>
  event.type === 'CriticalAlertSuperseded' || (event.type === 'CriticalCallbackRecorded' && event.data.readBack);

/**
 * Turns Laboratory's events into notifications (see `labNotices`): a critical result alert that
 * repeats until it is closed, and notices that results are available, held back while an alert on
 * the order is open. Ids come from the trigger (`critical-<alertId>`,
 * `results-<labOrderId>-<reportVersion>`, `corrected-<labOrderId>-<reportVersion>`), so handling an
 * event again, or a notice called for by two events, changes nothing.
 *
 * The order's stream (short) is read when an alert is raised or closed, for what the event alone
 * does not say: whether the alert was closed already (a subscription reading the log from its start
 * meets an alert long answered before its callback, and must not page anyone in between), and
 * whether, the alert closed, no other is open, so the patient may be told of the latest report.
 */
export const onLabEvent =
  (deps: NotificationsDeps) =>
  async (stored: StoredEvent): Promise<void> => {
    if (!LAB_TOPICS.includes(stored.type)) return;
    const event = toDomainEvent(labOrderEvents, stored);
    const ctx = policyContext('notifications.on-lab-event', stored, deps.clock.now());
    const raises = event.type === 'CriticalResultDetected';
    const history = raises || closesAlert(event) ? await historyOf(deps.store, stored.streamId) : [];
    const released = closesAlert(event) ? reportToTell(history) : undefined;
    const toldOf = event.type === 'LabResultFinalized' ? event.data : released;
    const patientId = stored.metadata.patientId ?? ('patientId' in event.data ? event.data.patientId : toldOf?.patientId);
    const notices = labNotices(event, {
      trigger: stored.id,
      recordedAt: stored.recordedAt,
      now: ctx.now.toISOString(),
      escalation: deps.criticalEscalation,
      patientDeceased: toldOf !== undefined && (await deps.contacts.contactOf(toldOf.patientId))?.deceased === true,
      alertClosed: raises && isAlertClosed(history, event.data.alertId),
      ...(released ? { released } : {}),
    });
    const run = policyRunner(deps, ctx, patientId);
    for (const { notificationId, command } of notices) await run(notificationId, command);
  };
