import { patientStatusProjection, type PatientStatusDoc, type ReadModelDeps } from '@hcms/projections';

/** How long a command waits for a read model to take in what the log already holds about its patient. */
const FRESH_WITHIN_MS = 2_000;

/**
 * Whether Patients registered a patient, from the read model of their standing, once it has
 * applied the log as it stood when asked (as far as that patient goes): a patient registered a
 * moment ago can be charged. Inactive and deceased patients still are (services given before);
 * an erased record takes no new charge.
 */
export const readStorePatientExists =
  (readModels: ReadModelDeps) =>
  async (patientId: string): Promise<boolean | 'behind'> => {
    const head = await readModels.head();
    const progress = await readModels.progress.await(patientStatusProjection.name, head, FRESH_WITHIN_MS, { patientId });
    if (progress._tag === 'Left') return 'behind';
    const doc = (await (await readModels.collections.of<PatientStatusDoc>(patientStatusProjection)).get(patientId))?.doc;
    return doc !== undefined && doc.erased !== true;
  };
