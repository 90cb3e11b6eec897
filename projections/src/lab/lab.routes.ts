import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, notFound, Uuid, type EventStore, type Role, type Route, type Versioned } from '@hcms/shared-kernel';
import { LoincCode, labOrderStream } from '@hcms/laboratory/contract';
import { erasedRecord, isErased } from '../encounters/encounter.routes.js';
import { MinPosition } from '../query-params.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { labOrdersAt, streamDocumentAt } from './lab-log.js';
import type { LabOrderDoc } from './lab-order.doc.js';
import { labOrderProjection } from './lab-order.projection.js';
import { labOrdersOf } from './lab-order.query.js';
import { labResultsBody } from './lab-results.js';
import { labOrderBody, labOrderListBody } from './lab-views.js';

export const LAB_TAGS = ['laboratory'];
const ORDERS = labOrderProjection.name;
const READERS: readonly Role[] = ['admin', 'clinician', 'lab-technician', 'auditor', 'patient'];
const noLabOrder = notFound('LAB_ORDER_NOT_FOUND', 'no such lab order');

/**
 * A patient's orders, unless the patient was erased: Patients' record says so first, Laboratory's
 * orders once its policy reached them; either way none is shown any more.
 */
const ordersOfLiving = async (deps: ReadModelDeps, patientId: string) => {
  const orders = await labOrdersOf(deps, patientId);
  return (await isErased(deps, patientId)) || orders.some((o) => o.doc.erased) ? E.left(erasedRecord) : E.right(orders);
};

const versionsOf = (orders: readonly Versioned<LabOrderDoc>[]) => Object.fromEntries(orders.map((o) => [o.id, o.version]));

/** A patient's lab orders and results (the bench's routes are in `lab-bench.routes.ts`). */
export const labQueryRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream'>): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/lab-orders',
    summary: "A patient's lab orders, newest first, each with its status and latest report (a patient sees their verified reports only)",
    tags: LAB_TAGS,
    roles: READERS,
    params: t.type({ patientId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'LabOrder',
      keepQuery: ['minPosition'],
      reproduce: async ({ params, role, positions, versions }) => {
        const orders = await labOrdersAt(store, versions);
        return orders && labOrderListBody(role, params['patientId'] ?? '', orders, positions[ORDERS] ?? 0);
      },
    },
    errors: [410, 503],
    handle: async ({ params, query, principal }) => {
      const { patientId } = params;
      const ready = await readYourWrites(deps, ORDERS, query.minPosition, { patientId });
      if (E.isLeft(ready)) return ready;
      const orders = await ordersOfLiving(deps, patientId);
      if (E.isLeft(orders)) return orders;
      return E.right({
        body: labOrderListBody(
          principal.role,
          patientId,
          orders.right.map((o) => o.doc),
          ready.right,
        ),
        positions: { [ORDERS]: ready.right },
        versions: versionsOf(orders.right),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/lab-orders/:labOrderId',
    summary:
      'One lab order: specimen, rejections, every report version (the first still readable after a correction) and critical alerts with their calls. A patient sees their verified reports only, none whose critical values still wait for a call',
    tags: LAB_TAGS,
    roles: READERS,
    params: t.type({ patientId: Uuid, labOrderId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'LabOrder',
      keepQuery: ['minPosition'],
      reproduce: async ({ params, role, positions, versions }) => {
        const labOrderId = params['labOrderId'] ?? '';
        const version = versions[labOrderId];
        if (version === undefined) return undefined;
        const doc = await streamDocumentAt(store, labOrderProjection, labOrderStream(labOrderId), version);
        return doc && labOrderBody(role, doc, version, positions[ORDERS] ?? 0);
      },
    },
    errors: [404, 410, 503],
    handle: async ({ params, query, principal }) => {
      const { patientId, labOrderId } = params;
      const ready = await readYourWrites(deps, ORDERS, query.minPosition, { patientId });
      if (E.isLeft(ready)) return ready;
      if (await isErased(deps, patientId)) return E.left(erasedRecord);
      const found = await readById<LabOrderDoc>(deps, labOrderProjection, labOrderId, ready.right);
      // Another patient's order is not there for this reader.
      if (!found || found.doc.patientId !== patientId) return E.left(noLabOrder);
      if (found.doc.erased) return E.left(erasedRecord);
      return E.right({
        body: labOrderBody(principal.role, found.doc, found.version, ready.right),
        positions: { [ORDERS]: ready.right },
        versions: { [labOrderId]: found.version },
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/lab-results',
    summary:
      "A patient's cumulative lab results: per LOINC code (only `code`'s when given), each verified value over time from the standing report of each order, corrections marked. A patient does not see a report whose critical values wait for a call",
    tags: LAB_TAGS,
    roles: READERS,
    params: t.type({ patientId: Uuid }),
    query: t.intersection([t.partial({ code: LoincCode }), MinPosition]),
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'LabOrder',
      // A LOINC code names a test, not a person.
      keepQuery: ['minPosition', 'code'],
      reproduce: async ({ params, query, role, positions, versions }) => {
        const orders = await labOrdersAt(store, versions);
        return orders && labResultsBody(role, params['patientId'] ?? '', orders, query['code'], positions[ORDERS] ?? 0);
      },
    },
    errors: [410, 503],
    handle: async ({ params, query, principal }) => {
      const { patientId } = params;
      const ready = await readYourWrites(deps, ORDERS, query.minPosition, { patientId });
      if (E.isLeft(ready)) return ready;
      const orders = await ordersOfLiving(deps, patientId);
      if (E.isLeft(orders)) return orders;
      return E.right({
        body: labResultsBody(
          principal.role,
          patientId,
          orders.right.map((o) => o.doc),
          query.code,
          ready.right,
        ),
        positions: { [ORDERS]: ready.right },
        versions: versionsOf(orders.right),
      });
    },
  }),
];
