import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, everyMatch, patientsInItems, type EventStore, type Route, type Versioned } from '@hcms/shared-kernel';
import { STARTER_CATALOGUE } from '@hcms/laboratory/contract';
import { patientDetailProjection, type PatientDetail } from '../patient-detail/patient-detail.projection.js';
import { MinPosition } from '../query-params.js';
import { readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import type { Projection } from '../runner/projection.js';
import { labCatalogueProjection, type DefinedTest } from './lab-catalogue.projection.js';
import { labOrdersAt, parkedResultsAt } from './lab-log.js';
import { OPEN_STATUSES, type LabOrderDoc, type LabOrderStatus } from './lab-order.doc.js';
import { labOrderProjection } from './lab-order.projection.js';
import { LAB_TAGS } from './lab.routes.js';
import { catalogueBody, labWorklistBody, parkedResultsBody } from './lab-views.js';
import { parkedResultsProjection, type ParkedResultDoc, type ParkedStatus } from './parked-results.projection.js';

const ORDERS = labOrderProjection.name;
const PARKED = parkedResultsProjection.name;
const CATALOGUE = labCatalogueProjection.name;

const Status = t.keyof(
  {
    ordered: null,
    collected: null,
    received: null,
    recollect: null,
    resulted: null,
    final: null,
    'correction-pending': null,
    corrected: null,
    cancelled: null,
  } satisfies Record<LabOrderStatus, null>,
  'LabOrderStatus',
);
const Parked = t.keyof({ parked: null, assigned: null, discarded: null } satisfies Record<ParkedStatus, null>, 'ParkedStatus');

/** Documents whose `status` is any of `statuses`: one indexed read each. */
const withStatus = async <Doc>(
  deps: ReadModelDeps,
  projection: Pick<Projection<Doc>, 'name' | 'indexes'>,
  statuses: readonly string[],
): Promise<Versioned<Doc>[]> => {
  const docs = await deps.collections.of<Doc>(projection);
  return (await Promise.all(statuses.map((value) => everyMatch(docs, [{ field: 'status', op: 'eq', value }])))).flat();
};

/**
 * The worklist's orders: those of `status` when asked; else those with work left, and those whose
 * critical values nobody has confirmed hearing yet (a verified report's: its order is no longer open).
 */
const worklistOrders = async (deps: ReadModelDeps, status: LabOrderStatus | undefined): Promise<Versioned<LabOrderDoc>[]> => {
  if (status !== undefined) return withStatus<LabOrderDoc>(deps, labOrderProjection, [status]);
  const docs = await deps.collections.of<LabOrderDoc>(labOrderProjection);
  const [open, waiting] = await Promise.all([
    withStatus<LabOrderDoc>(deps, labOrderProjection, OPEN_STATUSES),
    everyMatch(docs, [{ field: 'openCriticalAlert', op: 'eq', value: true }]),
  ]);
  const listed = new Set(open.map((o) => o.id));
  return [...open, ...waiting.filter((o) => !listed.has(o.id))];
};

/** Orders of patients not erased: their documents hold what was written until Laboratory's policy reaches them. */
const ofPatientsNotErased = async (deps: ReadModelDeps, orders: readonly Versioned<LabOrderDoc>[]) => {
  const patients = await (
    await deps.collections.of<PatientDetail>(patientDetailProjection)
  ).getMany([...new Set(orders.map((o) => o.doc.patientId))]);
  return orders.filter((o) => !o.doc.erased && patients.get(o.doc.patientId)?.doc?.status !== 'erased');
};

const versionsOf = (docs: readonly Versioned<unknown>[]) => Object.fromEntries(docs.map((d) => [d.id, d.version]));

/** The laboratory bench: its worklist, the results no order could take, and the catalogue of tests. */
export const labBenchRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream'>): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/lab/worklist',
    summary:
      "The laboratory's open orders (every status but final, corrected and cancelled) and those with a critical alert still open, or only `status`'s when given: open alerts first (the longest waiting first), then STAT, then the oldest, each with its accession number and whether a critical alert is open",
    tags: LAB_TAGS,
    roles: ['lab-technician', 'admin'],
    query: t.intersection([t.partial({ status: Status }), MinPosition]),
    audit: {
      resource: 'LabOrder',
      patientsIn: patientsInItems,
      keepQuery: ['minPosition', 'status'],
      reproduce: async ({ positions, versions }) => {
        const orders = await labOrdersAt(store, versions);
        return orders && labWorklistBody(orders, positions[ORDERS] ?? 0);
      },
    },
    errors: [503],
    handle: async ({ query }) => {
      const ready = await readYourWrites(deps, ORDERS, query.minPosition);
      if (E.isLeft(ready)) return ready;
      const shown = await ofPatientsNotErased(deps, await worklistOrders(deps, query.status));
      return E.right({
        body: labWorklistBody(
          shown.map((o) => o.doc),
          ready.right,
        ),
        positions: { [ORDERS]: ready.right },
        versions: versionsOf(shown),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/lab/parked-results',
    summary:
      'Results analysers sent that no order could take: those still parked first (oldest first), then those assigned or discarded (latest first); only `status`’s when given',
    tags: LAB_TAGS,
    roles: ['lab-technician', 'admin'],
    query: t.intersection([t.partial({ status: Parked }), MinPosition]),
    audit: {
      resource: 'ParkedResult',
      // Results assigned to an order are that patient's.
      patientsIn: patientsInItems,
      keepQuery: ['minPosition', 'status'],
      reproduce: async ({ positions, versions }) => {
        const parked = await parkedResultsAt(store, versions);
        return (
          parked &&
          parkedResultsBody(
            parked.map((p) => ({ ...p, version: versions[p.parkedId] })),
            positions[PARKED] ?? 0,
          )
        );
      },
    },
    errors: [503],
    handle: async ({ query }) => {
      const ready = await readYourWrites(deps, PARKED, query.minPosition);
      if (E.isLeft(ready)) return ready;
      const statuses: readonly ParkedStatus[] = query.status === undefined ? ['parked', 'assigned', 'discarded'] : [query.status];
      const found = await withStatus<ParkedResultDoc>(deps, parkedResultsProjection, statuses);
      return E.right({
        // Each with its version, to assign it as read.
        body: parkedResultsBody(
          found.map((p) => ({ ...p.doc, version: p.version })),
          ready.right,
        ),
        positions: { [PARKED]: ready.right },
        versions: versionsOf(found),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/lab/catalogue',
    summary: "The laboratory's tests: the starter catalogue, each test an administrator defined replacing its entry, and the tests added",
    tags: LAB_TAGS,
    roles: ['admin', 'clinician', 'receptionist', 'lab-technician', 'billing-clerk', 'auditor'],
    query: MinPosition,
    audit: 'no-patient-data',
    errors: [503],
    handle: async ({ query }) => {
      const ready = await readYourWrites(deps, CATALOGUE, query.minPosition);
      if (E.isLeft(ready)) return ready;
      const defined = await everyMatch(await deps.collections.of<DefinedTest>(labCatalogueProjection));
      return E.right({
        body: catalogueBody(
          STARTER_CATALOGUE,
          defined.map((d) => ({ ...d.doc, version: d.version })),
          ready.right,
        ),
        positions: { [CATALOGUE]: ready.right },
      });
    },
  }),
];
