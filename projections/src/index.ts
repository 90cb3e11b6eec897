import type { EventStore, Route } from '@hcms/shared-kernel';
import { patientDetailProjection } from './patient-detail/patient-detail.projection.js';
import { patientDetailRoutes } from './patient-detail/patient-detail.routes.js';
import { patientListProjection } from './patient-list/patient-list.projection.js';
import { patientListRoutes } from './patient-list/patient-list.routes.js';
import type { ReadModelDeps } from './read-model-deps.js';
import { readModelStatusRoutes } from './read-models.routes.js';
import type { Projection } from './runner/projection.js';

export * from './runner/index.js';
export * from './read-model-deps.js';
export { patientListProjection, patientDetailProjection };
export type { PatientListItem } from './patient-list/patient-list.projection.js';
export type { PatientDetail } from './patient-detail/patient-detail.projection.js';
export { evolvePatientDetail } from './patient-detail/patient-detail.projection.js';

/** Every read model of the platform. */
// The runner treats documents as opaque; each projection is typed on its own.
const opaque = <Doc>(projection: Projection<Doc>): Projection<unknown> => projection as unknown as Projection<unknown>;
export const projections: readonly Projection<unknown>[] = [opaque(patientListProjection), opaque(patientDetailProjection)];

export const queryRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'headPosition'>): Route[] => [
  ...patientListRoutes(deps),
  ...patientDetailRoutes(deps),
  ...readModelStatusRoutes(deps, store),
];
