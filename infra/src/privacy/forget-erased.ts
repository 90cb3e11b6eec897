import { eachEvent, type ReadStore, type Reactor, type StoredEvent } from '@hcms/shared-kernel';
import { notificationListProjection, type NotificationView, type ReadModelDeps } from '@hcms/projections';
import { OUTBOX, OUTBOX_INDEXES, type OutboxEntry } from '../notifications/outbox-channel.js';
import { patientOf } from './shredding-event-store.js';
import type { PatientKeys } from './sqlite-patient-keys.js';

export interface ForgetErasedDeps {
  readonly keys: PatientKeys;
  readonly readModels: ReadModelDeps;
  readonly readStore: ReadStore;
  /** Settles once every read model that held the patient's personal data has applied the erasure. */
  readonly purged: (event: StoredEvent) => Promise<void>;
}

const PAGE = 500;

/**
 * What an erasure leaves to do, as a durable subscription (so a crash after the erasure was
 * recorded still gets it done, and doing it twice is harmless): destroy the patient's key, remove
 * the messages the outbox kept about them, and once the read models have dropped their personal
 * fields, have the read store and the key file leave no old copy in their journals.
 */
export const forgetErased = (deps: ForgetErasedDeps): Reactor =>
  eachEvent('policy.privacy.forget-erased', ['patients.PatientErased'], async (event) => {
    const patientId = patientOf(event.streamId, event.metadata) ?? '';
    deps.keys.destroy(patientId, (event.data as { erasedAt: string }).erasedAt);
    await deps.purged(event);
    const notifications = await deps.readModels.collections.of<NotificationView>(notificationListProjection);
    const outbox = await deps.readStore.collection<OutboxEntry>(OUTBOX, OUTBOX_INDEXES);
    let cursor: string | undefined;
    do {
      const page = await notifications.find({
        where: [{ field: 'patientId', op: 'eq', value: patientId }],
        limit: PAGE,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const { doc } of page.items) {
        const sent = await outbox.find({ where: [{ field: 'notificationId', op: 'eq', value: doc.notificationId }], limit: PAGE });
        for (const message of sent.items) await outbox.remove(message.id, message.version + 1);
      }
      cursor = page.next;
    } while (cursor !== undefined);
    await deps.readStore.compact();
    await deps.keys.compact();
  });
