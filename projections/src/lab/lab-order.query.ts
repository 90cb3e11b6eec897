import { everyMatch, type Versioned } from '@hcms/shared-kernel';
import type { ReadModelDeps } from '../read-model-deps.js';
import type { LabOrderDoc } from './lab-order.doc.js';
import { labOrderProjection } from './lab-order.projection.js';

/** Every lab order of a patient. */
export const labOrdersOf = async (deps: ReadModelDeps, patientId: string): Promise<Versioned<LabOrderDoc>[]> =>
  everyMatch(await deps.collections.of<LabOrderDoc>(labOrderProjection), [{ field: 'patientId', op: 'eq', value: patientId }]);

/**
 * The order whose current specimen carries this accession number (an analyser's result names
 * it). Accession numbers are unique across the laboratory; should two orders ever share one, they
 * cannot be told apart: none is answered, and the results are parked for a technician, not guessed.
 */
export const labOrderWithAccession = async (deps: ReadModelDeps, accessionNumber: string): Promise<Versioned<LabOrderDoc> | undefined> => {
  const docs = await deps.collections.of<LabOrderDoc>(labOrderProjection);
  const { items } = await docs.find({ where: [{ field: 'accessionNumber', op: 'eq', value: accessionNumber }], limit: 2 });
  return items.length === 1 ? items[0] : undefined;
};
