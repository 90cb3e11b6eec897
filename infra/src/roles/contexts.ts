import type { Container } from 'inversify';
import { eachEvent, ERASED_TEXT, NotYet, personalDataPolicy, type Consumer, type Route, type StoredEvent } from '@hcms/shared-kernel';
import {
  appointmentRoutes,
  appointmentsPersonalData,
  ENCOUNTER_SIGNED_TOPICS,
  onEncounterSigned,
  onPatientInactive,
  PATIENT_INACTIVE_TOPICS,
} from '@hcms/appointments';
import {
  consultationsPersonalData,
  encounterRoutes,
  onPatientErased as forgetEncounters,
  PATIENT_ERASED_TOPICS,
} from '@hcms/consultations';
import {
  laboratoryPersonalData,
  laboratoryRoutes,
  LAB_ORDERED_TOPICS,
  onLabOrdered,
  onParkedResultsAssigned,
  PARKED_ASSIGNED_TOPICS,
  onPatientErased as forgetLabOrders,
  PATIENT_ERASED_TOPICS as LAB_PATIENT_ERASED_TOPICS,
} from '@hcms/laboratory';
import {
  billingPersonalData,
  billingRoutes,
  ENCOUNTER_SIGNED_TOPICS as CHARGED_ENCOUNTER_TOPICS,
  LAB_RESULT_TOPICS,
  ISSUE_STARTED_TOPICS,
  ENTERED_IN_ERROR_TOPICS,
  onEncounterSigned as chargeEncounter,
  onIssueStarted,
  onEncounterEnteredInError,
  onLabResultFinalized,
} from '@hcms/billing';
import { addSignedProblems, patientRoutes, patientsPersonalData, SIGNED_PROBLEM_TOPICS } from '@hcms/patients';
import {
  notificationRoutes,
  notificationsPersonalData,
  onAppointmentEvent,
  onLabEvent,
  onPatientErased,
  APPOINTMENT_TOPICS,
  LAB_TOPICS,
} from '@hcms/notifications';
import {
  appointmentListProjection,
  encounterDetailProjection,
  labOrderProjection,
  notificationContactsProjection,
  notificationListProjection,
  patientDetailProjection,
  patientListProjection,
  type AppointmentView,
  type ReadModelDeps,
} from '@hcms/projections';
import { readStorePatientDirectory } from '../appointments/read-store-patient-directory.js';
import { encountersForgotten, forgetErased, labOrdersForgotten, forgetMessages, notificationsForgotten } from '../privacy/forget-erased.js';
import { startHoldSettlerLoop } from '../appointments/hold-settler-loop.js';
import { readStorePendingHolds } from '../appointments/read-store-pending-holds.js';
import { startResultsListener } from '../laboratory/results-listener.js';
import { ENCOUNTER_CHARGES, LAB_CHARGES } from '../billing/charge-capture.js';
import { startDispatcherLoop } from '../notifications/dispatcher-loop.js';
import { readStoreDueNotifications } from '../notifications/read-store-notifications.js';
import { outboxRoutes } from '../http/outbox.routes.js';
import { T } from '../composition/tokens.js';
import type { Opened } from './components.js';
import { startReaction } from './reactions.js';

/**
 * A policy that reads a read model waits until it has taken in the event being handled, as far as
 * that event's patient goes: an event about someone else parked in that read model does not hold
 * this one back. Until then the policy is not failing, only early: it is tried again, never parked.
 */
const caughtUp = async (readModels: ReadModelDeps, readModel: string, event: StoredEvent): Promise<void> => {
  const scope = event.metadata.patientId === undefined ? {} : { patientId: event.metadata.patientId };
  const reached = await readModels.progress.await(readModel, event.position, 10_000, scope);
  if (reached._tag === 'Left') throw new NotYet(`${readModel} has not applied position ${event.position}: ${reached.left.code}`);
};

/** The personal data in every context's events, as each context's contract declares it. */
export const PERSONAL_DATA = personalDataPolicy(
  patientsPersonalData,
  appointmentsPersonalData,
  notificationsPersonalData,
  consultationsPersonalData,
  laboratoryPersonalData,
  billingPersonalData,
);

export interface ContextModule {
  readonly routes: (c: Container) => Promise<Route[]>;
  /** Reactions to other contexts' events, each a durable subscription of its own. */
  readonly policies: (c: Container, opened: Opened) => Promise<Consumer[]>;
  /** Which adapters its process needs, for readiness. */
  readonly adapters: readonly ('eventStore' | 'readStore' | 'bus')[];
}

/** Every bounded context this build serves: its command API and its policies. */
export const CONTEXT_MODULES = {
  patients: {
    routes: async (c) => patientRoutes(await c.getAsync(T.PatientsDeps)),
    policies: async (c, opened) => {
      const [keys, readModels, readStore] = await Promise.all([
        c.getAsync(T.PatientKeys),
        c.getAsync(T.ReadModelDeps),
        opened.get(T.ReadStore),
      ]);
      // The read models that held the patient's personal data drop it before the store is compacted.
      const holders = [patientDetailProjection, patientListProjection, notificationContactsProjection];
      const appointments = readStorePatientDirectory(readModels);
      const purged = async (event: StoredEvent, patientId: string) => {
        for (const holder of holders) await caughtUp(readModels, holder.name, event);
        // Appointments and notifications forget their patient on their own, in reaction to the same erasure.
        const list = await readModels.collections.of<AppointmentView>(appointmentListProjection);
        for (const appointmentId of await appointments.appointmentsOf(patientId)) {
          const doc = (await list.get(appointmentId))?.doc;
          if (doc && doc.reason !== ERASED_TEXT) throw new NotYet(`appointment ${appointmentId} has not forgotten its patient yet`);
        }
        await notificationsForgotten(readModels, readStore, patientId);
        await encountersForgotten(readModels, patientId);
        await labOrdersForgotten(readModels, patientId);
      };
      const forgetting = await startReaction(c, opened, forgetErased({ keys, readStore, purged }));
      const deps = await c.getAsync(T.PatientsDeps);
      // Diagnoses put on the problem list in an encounter become entries of the medical history once it is signed.
      const promoting = await startReaction(
        c,
        opened,
        eachEvent('policy.patients.on-encounter-signed', SIGNED_PROBLEM_TOPICS, addSignedProblems(deps)),
      );
      return [forgetting, promoting];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
  appointments: {
    routes: async (c) => appointmentRoutes(await c.getAsync(T.AppointmentsDeps)),
    policies: async (c, opened) => {
      const [deps, readModels] = await Promise.all([c.getAsync(T.AppointmentsDeps), c.getAsync(T.ReadModelDeps)]);
      const policy = onPatientInactive(deps);
      const cancelling = await startReaction(
        c,
        opened,
        eachEvent('policy.appointments.on-patient-inactive', PATIENT_INACTIVE_TOPICS, async (event) => {
          // The patient's appointments are found in a read model: let it catch up with this event first.
          await caughtUp(readModels, appointmentListProjection.name, event);
          await policy(event);
        }),
      );
      // Holds whose booking or move died half-way are settled from the log, in any process, any number of times.
      const { holdBoundMs, settleIntervalMs } = c.get(T.Config).appointments;
      const settler = startHoldSettlerLoop(deps, readStorePendingHolds(readModels), holdBoundMs, settleIntervalMs, c.get(T.Logger));
      // Signing the encounter opened from an appointment completes the appointment.
      const completing = await startReaction(
        c,
        opened,
        eachEvent('policy.appointments.on-encounter-signed', ENCOUNTER_SIGNED_TOPICS, onEncounterSigned(deps)),
      );
      return [cancelling, settler, completing];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
  consultations: {
    routes: async (c) => encounterRoutes(await c.getAsync(T.ConsultationsDeps)),
    policies: async (c, opened) => {
      const [deps, readModels] = await Promise.all([c.getAsync(T.ConsultationsDeps), c.getAsync(T.ReadModelDeps)]);
      const policy = forgetEncounters(deps);
      const forgetting = await startReaction(
        c,
        opened,
        eachEvent('policy.consultations.on-patient-erased', PATIENT_ERASED_TOPICS, async (event) => {
          // The patient's encounters are found in a read model: let it catch up with this event first.
          await caughtUp(readModels, encounterDetailProjection.name, event);
          await policy(event);
        }),
      );
      return [forgetting];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
  laboratory: {
    routes: async (c) => laboratoryRoutes(await c.getAsync(T.LaboratoryDeps)),
    policies: async (c, opened) => {
      const [deps, readModels] = await Promise.all([c.getAsync(T.LaboratoryDeps), c.getAsync(T.ReadModelDeps)]);
      // An encounter's order becomes the laboratory's: placed once, whatever the redeliveries.
      const placing = await startReaction(c, opened, eachEvent('policy.laboratory.on-lab-ordered', LAB_ORDERED_TOPICS, onLabOrdered(deps)));
      const forget = forgetLabOrders(deps);
      const forgetting = await startReaction(
        c,
        opened,
        eachEvent('policy.laboratory.on-patient-erased', LAB_PATIENT_ERASED_TOPICS, async (event) => {
          // The patient's orders are found in a read model: let it catch up with this event first.
          await caughtUp(readModels, labOrderProjection.name, event);
          await forget(event);
        }),
      );
      // Parked results a technician assigned to an order are entered there, or given back.
      const assigning = await startReaction(
        c,
        opened,
        eachEvent('policy.laboratory.on-parked-results-assigned', PARKED_ASSIGNED_TOPICS, onParkedResultsAssigned(deps)),
      );
      // Analysers and reference laboratories send results here (HL7 v2 over MLLP).
      const listener = await startResultsListener(deps, c.get(T.Config).laboratory, c.get(T.Logger));
      return [placing, forgetting, assigning, listener];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
  billing: {
    routes: async (c) => billingRoutes(await c.getAsync(T.BillingDeps)),
    policies: async (c, opened) => {
      const deps = await c.getAsync(T.BillingDeps);
      // What was done is charged once, whatever the redeliveries: each charge's id is derived from its source.
      // One subscription for both, so an encounter's signature and its being entered in error are taken in log order.
      const charge = chargeEncounter(deps);
      const takeBack = onEncounterEnteredInError(deps);
      const encounters = await startReaction(
        c,
        opened,
        eachEvent(ENCOUNTER_CHARGES, [...CHARGED_ENCOUNTER_TOPICS, ...ENTERED_IN_ERROR_TOPICS], async (event) => {
          await charge(event);
          await takeBack(event);
        }),
      );
      const tests = await startReaction(c, opened, eachEvent(LAB_CHARGES, LAB_RESULT_TOPICS, onLabResultFinalized(deps)));
      // An issue interrupted before or after its number was taken is finished, in any process.
      const issuing = await startReaction(
        c,
        opened,
        eachEvent('policy.billing.on-issue-started', ISSUE_STARTED_TOPICS, onIssueStarted(deps)),
      );
      return [encounters, tests, issuing];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
  notifications: {
    routes: async (c) => [...notificationRoutes(await c.getAsync(T.NotificationsDeps)), ...outboxRoutes(await c.getAsync(T.Outbox))],
    policies: async (c, opened) => {
      const [deps, readModels] = await Promise.all([c.getAsync(T.NotificationsDeps), c.getAsync(T.ReadModelDeps)]);
      const policy = onAppointmentEvent(deps);
      const scheduler = await startReaction(
        c,
        opened,
        eachEvent('policy.notifications.on-appointment-event', APPOINTMENT_TOPICS, async (event) => {
          // Contact details come from Patients' events: have them up to date with this event first.
          await caughtUp(readModels, notificationContactsProjection.name, event);
          await policy(event);
        }),
      );
      // Critical results, and results ready: the contact directory tells whether the patient is alive.
      const labPolicy = onLabEvent(deps);
      const alerting = await startReaction(
        c,
        opened,
        eachEvent('policy.notifications.on-lab-event', LAB_TOPICS, async (event) => {
          await caughtUp(readModels, notificationContactsProjection.name, event);
          await labPolicy(event);
        }),
      );
      const readStore = await opened.get(T.ReadStore);
      const forgetting = await startReaction(
        c,
        opened,
        forgetMessages(
          readModels,
          readStore,
          (event) => caughtUp(readModels, notificationListProjection.name, event),
          onPatientErased(deps),
        ),
      );
      const { dispatchIntervalMs } = c.get(T.Config).notifications;
      const loop = startDispatcherLoop(
        deps,
        readStoreDueNotifications(readModels),
        await c.getAsync(T.Channel),
        dispatchIntervalMs,
        c.get(T.Logger),
      );
      return [scheduler, alerting, forgetting, loop];
    },
    adapters: ['eventStore', 'readStore', 'bus'],
  },
} satisfies Record<string, ContextModule>;

export type ContextName = keyof typeof CONTEXT_MODULES;
export const CONTEXTS = Object.keys(CONTEXT_MODULES) as ContextName[];
