import type { Route } from '@hcms/shared-kernel';
import type { LaboratoryDeps } from '../application/laboratory.deps.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { labOrderRoutes } from './lab-order.routes.js';
import { parkedResultRoutes } from './parked-results.routes.js';

/** Every command route of the Laboratory service. */
export const laboratoryRoutes = (deps: LaboratoryDeps): Route[] => [
  ...labOrderRoutes(deps),
  ...catalogueRoutes(deps),
  ...parkedResultRoutes(deps),
];
