import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, everyMatch, notFound, Uuid, type Clock, type EventStore, type Route } from '@hcms/shared-kernel';
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

export const clinicalChartRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream'>, clock: Clock): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/clinical-chart',
    summary:
      "A patient's chart for a clinician: active problems and allergies, active medications, each vital sign's latest readings, encounters and pending lab orders",
    tags: TAGS,
    roles: ['admin', 'clinician'],
    params: t.type({ patientId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'Patient',
      keepQuery: ['minPosition'],
      // The patient's chart at the version shown, and each encounter at the version shown.
      reproduce: async ({ params, positions, versions, at }) => {
        const patientId = params['patientId'] ?? '';
        const version = versions[patientId];
        const chart = version === undefined ? undefined : await chartFromLog(store, patientId, { version });
        if (!chart || chart.version !== version) return undefined;
        const summaries = await encountersAt(store, patientEncountersProjection, versions, [patientId]);
        return (
          summaries &&
          clinicalChartBody(chart.doc, summaries, { [PATIENTS]: positions[PATIENTS] ?? 0, [SUMMARIES]: positions[SUMMARIES] ?? 0 }, at)
        );
      },
    },
    errors: [404, 410, 503],
    handle: async ({ params, query }) => {
      const { patientId } = params;
      // Two read models: each must have applied the caller's write before either is read.
      const [patients, encounters] = await Promise.all([
        readYourWrites(deps, PATIENTS, query.minPosition, { patientId }),
        readYourWrites(deps, SUMMARIES, query.minPosition, { patientId }),
      ]);
      if (E.isLeft(patients)) return patients;
      if (E.isLeft(encounters)) return encounters;
      const found = await readById<PatientDetail>(deps, patientDetailProjection, patientId, patients.right);
      if (!found) return E.left(notFound('PATIENT_NOT_FOUND', 'no such patient'));
      if (found.doc.status === 'erased') return E.left(erasedRecord);
      const docs = await deps.collections.of<EncounterSummary>(patientEncountersProjection);
      const summaries = await everyMatch(docs, [{ field: 'patientId', op: 'eq', value: patientId }]);
      const positions = { [PATIENTS]: patients.right, [SUMMARIES]: encounters.right };
      return E.right({
        body: clinicalChartBody(
          found.doc,
          summaries.map((s) => s.doc),
          positions,
          clock.now().toISOString(),
        ),
        positions,
        versions: { [patientId]: found.version, ...Object.fromEntries(summaries.map((s) => [s.id, s.version])) },
      });
    },
  }),
];
