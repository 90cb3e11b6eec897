import type { KnownPatientStatus, PatientDirectory } from '@hcms/appointments';
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
  appointmentsOf: async (patientId) => {
    const appointments = await readModels.collections.of<AppointmentView>(appointmentListProjection);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await appointments.find({
        where: [{ field: 'patientId', op: 'eq', value: patientId }],
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      ids.push(...page.items.map((i) => i.id));
      cursor = page.next;
    } while (cursor !== undefined);
    return ids;
  },
});
