import type { Container } from 'inversify';
import type { Consumer, Route } from '@hcms/shared-kernel';
import { appointmentRoutes, onPatientInactive, PATIENT_INACTIVE_TOPICS } from '@hcms/appointments';
import { patientRoutes } from '@hcms/patients';
import { notificationRoutes, onAppointmentEvent, APPOINTMENT_TOPICS } from '@hcms/notifications';
import { appointmentListProjection, notificationContactsProjection } from '@hcms/projections';
import { startDispatcherLoop } from '../notifications/dispatcher-loop.js';
import { readStoreDueNotifications } from '../notifications/read-store-notifications.js';
import { outboxRoutes } from '../http/outbox.routes.js';
import { T } from '../composition/tokens.js';
import type { Opened } from './components.js';

export interface ContextModule {
  readonly routes: (c: Container) => Promise<Route[]>;
  /** Reactions to other contexts' events, each its own consumer group on the bus. */
  readonly policies: (c: Container, opened: Opened) => Promise<Consumer[]>;
  /** Which adapters its process needs, for readiness. */
  readonly adapters: readonly ('eventStore' | 'readStore' | 'bus')[];
}

/** Every bounded context this build serves: its command API and its policies. */
export const CONTEXT_MODULES = {
  patients: {
    routes: async (c) => patientRoutes(await c.getAsync(T.PatientsDeps)),
    policies: async () => [],
    adapters: ['eventStore'],
  },
  appointments: {
    routes: async (c) => appointmentRoutes(await c.getAsync(T.AppointmentsDeps)),
    policies: async (c, opened) => {
      const [bus, deps, readModels] = await Promise.all([opened.get(T.Bus), c.getAsync(T.AppointmentsDeps), c.getAsync(T.ReadModelDeps)]);
      await opened.get(T.ReadStore);
      const policy = onPatientInactive(deps);
      return [
        await bus.consume(
          'policy.appointments.on-patient-inactive',
          async (event) => {
            // The patient's appointments are found in a read model: let it catch up with this event first.
            const caughtUp = await readModels.progress.await(appointmentListProjection.name, event.position, 10_000);
            if (caughtUp._tag === 'Left') throw new Error('appointment-list has not caught up; retrying');
            await policy(event);
          },
          { topics: PATIENT_INACTIVE_TOPICS },
        ),
      ];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
  notifications: {
    routes: async (c) => [...notificationRoutes(await c.getAsync(T.NotificationsDeps)), ...outboxRoutes(await c.getAsync(T.Outbox))],
    policies: async (c, opened) => {
      const [bus, deps, readModels] = await Promise.all([opened.get(T.Bus), c.getAsync(T.NotificationsDeps), c.getAsync(T.ReadModelDeps)]);
      await opened.get(T.ReadStore);
      const policy = onAppointmentEvent(deps);
      const consumer = await bus.consume(
        'policy.notifications.on-appointment-event',
        async (event) => {
          // Contact details come from Patients' events: have them up to date with this event first.
          const caughtUp = await readModels.progress.await(notificationContactsProjection.name, event.position, 10_000);
          if (caughtUp._tag === 'Left') throw new Error('notifications-contacts has not caught up; retrying');
          await policy(event);
        },
        { topics: APPOINTMENT_TOPICS },
      );
      const { dispatchIntervalMs } = c.get(T.Config).notifications;
      const loop = startDispatcherLoop(
        deps,
        readStoreDueNotifications(readModels),
        await c.getAsync(T.Channel),
        dispatchIntervalMs,
        c.get(T.Logger),
      );
      return [consumer, loop];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
} satisfies Record<string, ContextModule>;

export type ContextName = keyof typeof CONTEXT_MODULES;
export const CONTEXTS = Object.keys(CONTEXT_MODULES) as ContextName[];
