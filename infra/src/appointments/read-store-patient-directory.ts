import type { KnownPatientStatus, PatientDirectory } from '@hcms/appointments';
import { everyMatch } from '@hcms/shared-kernel';
import {
  appointmentListProjection,
  patientStatusProjection,
  type AppointmentView,
  type PatientStatusDoc,
  type ReadModelDeps,
} from '@hcms/projections';

/** Appointments' reference data on patients, read from the read models it keeps from Patients' events. */
export const readStorePatientDirectory = (readModels: ReadModelDeps): PatientDirectory => ({
  statusOf: async (patientId): Promise<KnownPatientStatus | undefined> =>
    (await (await readModels.collections.of<PatientStatusDoc>(patientStatusProjection)).get(patientId))?.doc.status,
  upcomingAppointmentsOf: async (patientId, after) => {
    const page = await (
      await readModels.collections.of<AppointmentView>(appointmentListProjection)
    ).find({
      where: [
        { field: 'patientId', op: 'eq', value: patientId },
        { field: 'start', op: 'gt', value: after },
      ],
      limit: 1000,
    });
    return page.items.filter((i) => i.doc.status === 'scheduled').map((i) => i.id);
  },
  appointmentsOf: async (patientId) =>
    (
      await everyMatch(await readModels.collections.of<AppointmentView>(appointmentListProjection), [
        { field: 'patientId', op: 'eq', value: patientId },
      ])
    ).map((i) => i.id),
});
