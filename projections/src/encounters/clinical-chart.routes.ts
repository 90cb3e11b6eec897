import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, everyMatch, notFound, Uuid, type Clock, type EventStore, type Route } from '@hcms/shared-kernel';
import { labOrderStream } from '@hcms/laboratory/contract';
import { labOrdersAt } from '../lab/lab-log.js';
import { labOrderProjection } from '../lab/lab-order.projection.js';
import { labOrdersOf } from '../lab/lab-order.query.js';
import { chartFromLog } from '../patient-detail/patient-chart.js';
import { patientDetailProjection, type PatientDetail } from '../patient-detail/patient-detail.projection.js';
import { MinPosition } from '../query-params.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { clinicalChartBody } from './clinical-chart.js';
import { encountersAt } from './encounter-log.js';
import { erasedRecord, TAGS } from './encounter.routes.js';
import { patientEncountersProjection, type EncounterSummary } from './patient-encounters.projection.js';

const PATIENTS = patientDetailProjection.name;
const SUMMARIES = patientEncountersProjection.name;
const LAB_ORDERS = labOrderProjection.name;
/**
 * Lab orders are recorded in the audit entry under their stream's name: encounters and lab orders
 * are both shown by id, and a reproduction must know which log each id is folded from.
 */
const LAB_KEY = labOrderStream('');

/** The lab orders among a chart's recorded versions, by lab order id. */
const labVersions = (versions: Readonly<Record<string, number>>): Record<string, number> =>
  Object.fromEntries(Object.entries(versions).flatMap(([key, v]) => (key.startsWith(LAB_KEY) ? [[key.slice(LAB_KEY.length), v]] : [])));

export const clinicalChartRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream'>, clock: Clock): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/clinical-chart',
    summary:
      "A patient's chart for a clinician: active problems and allergies, active medications, each vital sign's latest readings, encounters, pending lab orders with the status of each of Laboratory's orders for them (one per specimen type), and each lab test's latest verified result",
    tags: TAGS,
    roles: ['admin', 'clinician'],
    params: t.type({ patientId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'Patient',
      keepQuery: ['minPosition'],
      // The patient's chart at the version shown, and each encounter and lab order at the version shown.
      reproduce: async ({ params, positions, versions, at }) => {
        const patientId = params['patientId'] ?? '';
        const version = versions[patientId];
        const chart = version === undefined ? undefined : await chartFromLog(store, patientId, { version });
        if (!chart || chart.version !== version) return undefined;
        const labs = Object.keys(versions).filter((key) => key.startsWith(LAB_KEY));
        const summaries = await encountersAt(store, patientEncountersProjection, versions, [patientId, ...labs]);
        if (!summaries) return undefined;
        const shown = { [PATIENTS]: positions[PATIENTS] ?? 0, [SUMMARIES]: positions[SUMMARIES] ?? 0 };
        // Shown before Laboratory's read model was consulted: as it was then.
        if (positions[LAB_ORDERS] === undefined) return clinicalChartBody(chart.doc, summaries, shown, at);
        const labOrders = await labOrdersAt(store, labVersions(versions));
        return labOrders && clinicalChartBody(chart.doc, summaries, { ...shown, [LAB_ORDERS]: positions[LAB_ORDERS] }, at, labOrders);
      },
    },
    errors: [404, 410, 503],
    handle: async ({ params, query }) => {
      const { patientId } = params;
      // Three read models: each must have applied the caller's write before any is read.
      const [patients, encounters, labs] = await Promise.all([
        readYourWrites(deps, PATIENTS, query.minPosition, { patientId }),
        readYourWrites(deps, SUMMARIES, query.minPosition, { patientId }),
        readYourWrites(deps, LAB_ORDERS, query.minPosition, { patientId }),
      ]);
      if (E.isLeft(patients)) return patients;
      if (E.isLeft(encounters)) return encounters;
      if (E.isLeft(labs)) return labs;
      const found = await readById<PatientDetail>(deps, patientDetailProjection, patientId, patients.right);
      if (!found) return E.left(notFound('PATIENT_NOT_FOUND', 'no such patient'));
      if (found.doc.status === 'erased') return E.left(erasedRecord);
      const docs = await deps.collections.of<EncounterSummary>(patientEncountersProjection);
      const summaries = await everyMatch(docs, [{ field: 'patientId', op: 'eq', value: patientId }]);
      const labOrders = await labOrdersOf(deps, patientId);
      const positions = { [PATIENTS]: patients.right, [SUMMARIES]: encounters.right, [LAB_ORDERS]: labs.right };
      return E.right({
        body: clinicalChartBody(
          found.doc,
          summaries.map((s) => s.doc),
          positions,
          clock.now().toISOString(),
          labOrders.map((o) => o.doc),
        ),
        positions,
        versions: {
          [patientId]: found.version,
          ...Object.fromEntries(summaries.map((s) => [s.id, s.version])),
          ...Object.fromEntries(labOrders.map((o) => [labOrderStream(o.id), o.version])),
        },
      });
    },
  }),
];
