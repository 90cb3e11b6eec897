import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, gone, IntFromQuery, IsoDateTime, notFound, Uuid, withSchema, type EventStore, type Route } from '@hcms/shared-kernel';
import { MinPosition } from '../query-params.js';
import { pastTheHead, readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { patientDetailProjection, type PatientDetail } from './patient-detail.projection.js';
import { chartBody, chartFromLog } from './patient-chart.js';
import { ChartSnapshots } from './chart-snapshots.js';

const ChartQuery = t.intersection([
  MinPosition,
  t.partial({
    asOf: withSchema(IsoDateTime, {
      type: 'string',
      format: 'date-time',
      description: 'the chart as the system showed it at this moment (recorded time, not clinical time)',
    }),
    asOfPosition: withSchema(IntFromQuery(1, Number.MAX_SAFE_INTEGER), {
      type: 'integer',
      minimum: 1,
      description: 'the chart as of this position of the event log (with asOf as well: whichever cut comes first)',
    }),
  }),
]);

const READ_MODEL = patientDetailProjection.name;
/** Where a chart as of a past moment comes from: the log itself. */
const EVENT_LOG = 'event-log';

export const patientDetailRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream' | 'headPosition'>): Route[] => {
  const snapshots = new ChartSnapshots();
  return [
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId',
      summary: "A patient's demographics, allergies, medical history and consents; now, or as the system showed them at a past moment",
      tags: ['patients (read)'],
      roles: ['admin', 'clinician', 'receptionist', 'auditor', 'patient'],
      params: t.type({ patientId: Uuid }),
      query: ChartQuery,
      patientOf: ({ params }) => params.patientId,
      audit: {
        resource: 'Patient',
        keepQuery: ['minPosition', 'asOf', 'asOfPosition'],
        // The document at the version shown, with what the answer said beside it.
        reproduce: async ({ params, query, role, positions, versions }) => {
          const patientId = params['patientId'] ?? '';
          const version = versions[patientId];
          const chart = version === undefined ? undefined : await chartFromLog(store, patientId, { version }, snapshots);
          if (!chart || chart.version !== version) return undefined;
          const position = positions[READ_MODEL] ?? positions[EVENT_LOG] ?? chart.position;
          return chartBody(role, chart.doc, version, position, cutOf(query));
        },
      },
      errors: [404, 410, 503],
      handle: async ({ params, query, principal }) => {
        const { patientId } = params;
        if (query.asOf !== undefined || query.asOfPosition !== undefined) {
          if (query.asOfPosition !== undefined) {
            const head = await deps.head();
            if (query.asOfPosition > head) return E.left(pastTheHead('asOfPosition', query.asOfPosition, head, 'a position in the log'));
          }
          // An erased record is gone as of any moment: what it held is unreadable now.
          if ((await readById<PatientDetail>(deps, patientDetailProjection, patientId, 0))?.doc.status === 'erased') {
            return E.left(erasedRecord);
          }
          const cut = { position: query.asOfPosition ?? Infinity, recordedBy: query.asOf };
          const chart = await chartFromLog(store, patientId, cut, snapshots);
          if (!chart) return E.left(notFound('PATIENT_NOT_FOUND', 'no such patient at that moment'));
          return E.right({
            body: chartBody(principal.role, chart.doc, chart.version, chart.position, cutOf(query)),
            positions: { [EVENT_LOG]: chart.position },
            versions: { [patientId]: chart.version },
          });
        }
        const ready = await readYourWrites(deps, READ_MODEL, query.minPosition);
        if (E.isLeft(ready)) return ready;
        const found = await readById<PatientDetail>(deps, patientDetailProjection, patientId, ready.right);
        if (found?.doc.status === 'erased') return E.left(erasedRecord);
        return found
          ? E.right({
              body: chartBody(principal.role, found.doc, found.version, ready.right),
              positions: { [READ_MODEL]: ready.right },
              versions: { [patientId]: found.version },
            })
          : E.left(notFound('PATIENT_NOT_FOUND', 'no such patient'));
      },
    }),
  ];
};

const erasedRecord = gone('PATIENT_ERASED', 'the patient’s record was erased');

/** What a chart as of a past moment says it is: the cut(s) it was asked for. */
const cutOf = (query: Readonly<Record<string, unknown>>): Record<string, unknown> => ({
  ...(query['asOf'] === undefined ? {} : { asOf: query['asOf'] }),
  ...(query['asOfPosition'] === undefined ? {} : { asOfPosition: Number(query['asOfPosition']) }),
});
