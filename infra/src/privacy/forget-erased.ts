import { eachEvent, ERASED_TEXT, everyMatch, NotYet, type ReadStore, type Reactor, type StoredEvent } from '@hcms/shared-kernel';
import {
  encounterDetailProjection,
  labOrdersOf,
  notificationListProjection,
  patientEncountersProjection,
  type EncounterDetail,
  type EncounterSummary,
  type NotificationView,
  type ReadModelDeps,
} from '@hcms/projections';
import { OUTBOX, OUTBOX_INDEXES, type OutboxEntry } from '../notifications/outbox-channel.js';
import { patientOf } from './shredding-event-store.js';
import type { PatientKeys } from './sqlite-patient-keys.js';

const ERASED = 'patients.PatientErased';

/** The patient's notifications, from the notification list. */
const notificationsOf = async (readModels: ReadModelDeps, patientId: string): Promise<NotificationView[]> =>
  (
    await everyMatch(await readModels.collections.of<NotificationView>(notificationListProjection), [
      { field: 'patientId', op: 'eq', value: patientId },
    ])
  ).map((i) => i.doc);

const outboxOf = (readStore: ReadStore) => readStore.collection<OutboxEntry>(OUTBOX, OUTBOX_INDEXES);

/** Messages the outbox still keeps for these notifications. */
const keptMessages = async (readStore: ReadStore, notificationIds: readonly string[]) => {
  const outbox = await outboxOf(readStore);
  const kept = [];
  for (const notificationId of notificationIds) {
    kept.push(...(await everyMatch(outbox, [{ field: 'notificationId', op: 'eq', value: notificationId }])));
  }
  return kept;
};

export interface ForgetErasedDeps {
  readonly keys: PatientKeys;
  readonly readStore: ReadStore;
  /** Settles once every read model that held the patient's personal data has dropped it (NotYet until then). */
  readonly purged: (event: StoredEvent, patientId: string) => Promise<void>;
}

/**
 * What an erasure leaves to do, as a durable subscription (so a crash after the erasure was
 * recorded still gets it done, and doing it twice is harmless): destroy the patient's key, and once
 * every read model has dropped their personal data — each context forgets its own — have the read
 * store and the key file leave no old copy in their journals.
 */
export const forgetErased = (deps: ForgetErasedDeps): Reactor =>
  eachEvent('policy.privacy.forget-erased', [ERASED], async (event) => {
    const patientId = patientOf(event.streamId, event.metadata) ?? '';
    deps.keys.destroy(patientId, (event.data as { erasedAt: string }).erasedAt);
    await deps.purged(event, patientId);
    await deps.readStore.compact();
    await deps.keys.compact();
  });

/**
 * Whether the notifications of an erased patient hold nothing of them any more: no channel error
 * (it may repeat the address) and no message kept in the outbox. Notes are the platform's own words.
 */
export const notificationsForgotten = async (readModels: ReadModelDeps, readStore: ReadStore, patientId: string): Promise<void> => {
  const notifications = await notificationsOf(readModels, patientId);
  // After the erasure an error is recorded as its stand-in: only one from before can still name them.
  const remembering = notifications.filter((n) => n.lastError !== undefined && n.lastError !== ERASED_TEXT);
  if (remembering.length > 0) throw new NotYet(`${remembering.length} notifications have not forgotten their patient yet`);
  if (
    (
      await keptMessages(
        readStore,
        notifications.map((n) => n.notificationId),
      )
    ).length > 0
  ) {
    throw new NotYet('the outbox still keeps messages to the erased patient');
  }
};

/** Whether every encounter of an erased patient has forgotten what their clinicians wrote (in both its read models). */
export const encountersForgotten = async (readModels: ReadModelDeps, patientId: string): Promise<void> => {
  const byPatient = [{ field: 'patientId', op: 'eq' as const, value: patientId }];
  const details = await everyMatch(await readModels.collections.of<EncounterDetail>(encounterDetailProjection), byPatient);
  const remembering = details.filter((d) => d.doc.erased !== true).map((d) => d.id);
  if (remembering.length > 0) throw new NotYet(`${remembering.length} encounters have not forgotten their patient yet`);
  // The summaries keep the clinician's words only in notes on lab orders.
  const summaries = await everyMatch(await readModels.collections.of<EncounterSummary>(patientEncountersProjection), byPatient);
  const behind = summaries.filter((s) => s.doc.labOrders.some((order) => order.note !== undefined));
  if (behind.length > 0) throw new NotYet(`${behind.length} encounter summaries have not forgotten their patient yet`);
};

/** Whether every lab order of an erased patient has forgotten its notes and results in its read model. */
export const labOrdersForgotten = async (readModels: ReadModelDeps, patientId: string): Promise<void> => {
  const remembering = (await labOrdersOf(readModels, patientId)).filter((o) => o.doc.erased !== true);
  if (remembering.length > 0) throw new NotYet(`${remembering.length} lab orders have not forgotten their patient yet`);
};

/**
 * Notifications' part of an erasure: each notification about the patient forgets its details
 * (`eraseDetails`, through the Notifications context), and the outbox drops the messages it kept
 * for them (they name the patient and their address).
 */
export const forgetMessages = (
  readModels: ReadModelDeps,
  readStore: ReadStore,
  waitForList: (event: StoredEvent) => Promise<void>,
  eraseDetails: (event: StoredEvent, notificationIds: readonly string[]) => Promise<void>,
): Reactor =>
  eachEvent('policy.notifications.on-patient-erased', [ERASED], async (event) => {
    const patientId = patientOf(event.streamId, event.metadata) ?? '';
    await waitForList(event);
    const ids = (await notificationsOf(readModels, patientId)).map((n) => n.notificationId);
    await eraseDetails(event, ids);
    const outbox = await outboxOf(readStore);
    for (const message of await keptMessages(readStore, ids)) await outbox.remove(message.id, message.version + 1);
  });
