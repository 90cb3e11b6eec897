import type { ContactDirectory, DueNotifications } from '@hcms/notifications';
import {
  notificationContactsProjection,
  notificationListProjection,
  type ContactDoc,
  type NotificationView,
  type ReadModelDeps,
} from '@hcms/projections';

/** Notifications' reference data on patients, from the read model it keeps of Patients' events. */
export const readStoreContacts = (readModels: Pick<ReadModelDeps, 'collections'>): ContactDirectory => ({
  contactOf: async (patientId) => (await (await readModels.collections.of<ContactDoc>(notificationContactsProjection)).get(patientId))?.doc,
});

/** The durable schedule: scheduled notifications by due time, from the notification-list read model. */
export const readStoreDueNotifications = (readModels: Pick<ReadModelDeps, 'collections'>): DueNotifications => ({
  due: async (now, limit) =>
    (
      await (
        await readModels.collections.of<NotificationView>(notificationListProjection)
      ).find({
        where: [
          { field: 'status', op: 'eq', value: 'scheduled' },
          { field: 'dueAt', op: 'lte', value: now },
        ],
        sort: { field: 'dueAt', direction: 'asc' },
        limit,
      })
    ).items.map((i) => i.id),
});
