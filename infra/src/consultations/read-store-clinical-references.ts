import type { ClinicalReferences } from '@hcms/consultations';
import { everyMatch } from '@hcms/shared-kernel';
import {
  appointmentListProjection,
  encounterDetailProjection,
  type EncounterDetail,
  patientDetailProjection,
  patientStatusProjection,
  type AppointmentView,
  type PatientDetail,
  type PatientStatusDoc,
  type ReadModelDeps,
} from '@hcms/projections';

/** How long a command waits for a read model to take in what the log already holds about its patient. */
const FRESH_WITHIN_MS = 2_000;

/**
 * Consultations' reference data on patients and appointments, from the read models built from
 * Patients' and Appointments' events. Each answer waits (briefly) until its read model has applied
 * the log as it stood when asked, as far as that patient goes: a check-in or an allergy recorded
 * a moment ago is seen.
 */
export const readStoreClinicalReferences = (readModels: ReadModelDeps): ClinicalReferences => {
  const upToDate = async (readModel: string, patientId?: string): Promise<boolean> => {
    const head = await readModels.head();
    const scope = patientId === undefined ? {} : { patientId };
    return (await readModels.progress.await(readModel, head, FRESH_WITHIN_MS, scope))._tag === 'Right';
  };
  return {
    standingOf: async (patientId) => {
      if (!(await upToDate(patientStatusProjection.name, patientId))) return 'behind';
      const doc = (await (await readModels.collections.of<PatientStatusDoc>(patientStatusProjection)).get(patientId))?.doc;
      if (!doc) return 'unknown';
      return doc.erased ? 'erased' : doc.status;
    },
    appointment: async (appointmentId, patientId) => {
      // The appointment's events name its patient: only theirs need to be in (one of another patient set aside holds nothing back).
      if (!(await upToDate(appointmentListProjection.name, patientId))) return 'behind';
      const doc = (await (await readModels.collections.of<AppointmentView>(appointmentListProjection)).get(appointmentId))?.doc;
      return doc ? { patientId: doc.patientId, status: doc.status } : undefined;
    },
    activeAllergiesOf: async (patientId) => {
      if (!(await upToDate(patientDetailProjection.name, patientId)))
        return { status: 'unavailable', cause: 'the allergy list has not caught up with the patient’s record' };
      const doc = (await (await readModels.collections.of<PatientDetail>(patientDetailProjection)).get(patientId))?.doc;
      if (!doc) return { status: 'unavailable', cause: 'the patient’s allergy list is not known here' };
      if (doc.status === 'erased') return { status: 'unavailable', cause: 'the patient’s record was erased' };
      const allergies = doc.allergies.filter((a) => a.status === 'active').map(({ allergyId, substance }) => ({ allergyId, substance }));
      return { status: 'known', allergies };
    },
    encountersOf: async (patientId) =>
      (
        await everyMatch(await readModels.collections.of<EncounterDetail>(encounterDetailProjection), [
          { field: 'patientId', op: 'eq', value: patientId },
        ])
      ).map((i) => i.id),
  };
};
