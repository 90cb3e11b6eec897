import type { LabReferences } from '@hcms/laboratory';
import {
  labOrderProjection,
  labOrdersOf,
  labOrderWithAccession,
  patientDetailProjection,
  type PatientDetail,
  type ReadModelDeps,
} from '@hcms/projections';

/** How long a command waits for a read model to take in what the log already holds. */
const FRESH_WITHIN_MS = 2_000;

/**
 * Laboratory's reference data, from read models: the patient as Patients' events describe them, and
 * its own orders by accession number. Each answer waits (briefly) until its read model has applied
 * the log as it stood when asked: a specimen collected a moment ago is found.
 */
export const readStoreLabReferences = (readModels: ReadModelDeps): LabReferences => {
  const upToDate = async (readModel: string, patientId?: string): Promise<boolean> => {
    const head = await readModels.head();
    const scope = patientId === undefined ? {} : { patientId };
    return (await readModels.progress.await(readModel, head, FRESH_WITHIN_MS, scope))._tag === 'Right';
  };
  return {
    patient: async (patientId) => {
      if (!(await upToDate(patientDetailProjection.name, patientId))) return 'behind';
      const doc = (await (await readModels.collections.of<PatientDetail>(patientDetailProjection)).get(patientId))?.doc;
      if (!doc) return { standing: 'unknown' };
      if (doc.status === 'erased') return { standing: 'erased' };
      const { sex, dateOfBirth } = doc.demographics;
      return { standing: doc.status, subject: { sex, birthDate: dateOfBirth }, mrn: doc.mrn };
    },
    orderOfAccession: async (accessionNumber) => {
      // The message names no patient we trust: the whole read model must have caught up.
      if (!(await upToDate(labOrderProjection.name))) return 'behind';
      const found = await labOrderWithAccession(readModels, accessionNumber);
      return found && { labOrderId: found.id, patientId: found.doc.patientId };
    },
    ordersOf: async (patientId) => (await labOrdersOf(readModels, patientId)).map((i) => i.id),
  };
};
