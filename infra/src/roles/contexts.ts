import type { Container } from 'inversify';
import type { Consumer, Route } from '@hcms/shared-kernel';
import { appointmentRoutes, onPatientInactive, PATIENT_INACTIVE_TOPICS } from '@hcms/appointments';
import { patientRoutes } from '@hcms/patients';
import { appointmentListProjection } from '@hcms/projections';
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
} satisfies Record<string, ContextModule>;

export type ContextName = keyof typeof CONTEXT_MODULES;
export const CONTEXTS = Object.keys(CONTEXT_MODULES) as ContextName[];
