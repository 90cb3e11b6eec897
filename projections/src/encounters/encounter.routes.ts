import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, everyMatch, gone, notFound, patientsInItems, Uuid, type EventStore, type Route } from '@hcms/shared-kernel';
import { patientDetailProjection, type PatientDetail } from '../patient-detail/patient-detail.projection.js';
import { MinPosition } from '../query-params.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { encounterDetailProjection, type EncounterDetail } from './encounter-detail.projection.js';
import { encounterAt, encountersAt } from './encounter-log.js';
import { encounterBody, encounterListBody, shownTo, worklistBody } from './encounter-views.js';
import { patientEncountersProjection, type EncounterSummary } from './patient-encounters.projection.js';

export const TAGS = ['consultations'];
const DETAIL = encounterDetailProjection.name;
const SUMMARIES = patientEncountersProjection.name;

export const erasedRecord = gone('PATIENT_ERASED', 'the patient’s record was erased');
const noEncounter = notFound('ENCOUNTER_NOT_FOUND', 'no such encounter');

/**
 * Whether Patients erased this patient. Consultations' read models keep what was written until they
 * are rebuilt from the shredded log: an erased patient's encounters are gone for every reader.
 */
export const isErased = async (deps: ReadModelDeps, patientId: string): Promise<boolean> =>
  (await readById<PatientDetail>(deps, patientDetailProjection, patientId, 0))?.doc.status === 'erased';

export const encounterQueryRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream'>): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/encounters/:encounterId',
    summary:
      'One encounter: note, vitals, diagnoses, prescriptions, plan, lab orders, addenda, and each signed version as signed (content and its SHA-256). A patient reads their own once signed',
    tags: TAGS,
    roles: ['admin', 'clinician', 'auditor', 'patient'],
    params: t.type({ patientId: Uuid, encounterId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'Encounter',
      keepQuery: ['minPosition'],
      reproduce: async ({ params, positions, versions }) => {
        const encounterId = params['encounterId'] ?? '';
        const version = versions[encounterId];
        if (version === undefined) return undefined;
        const doc = await encounterAt(store, encounterDetailProjection, encounterId, version);
        return doc && encounterBody(doc, version, positions[DETAIL] ?? 0);
      },
    },
    errors: [404, 410, 503],
    handle: async ({ params, query, principal }) => {
      const { patientId, encounterId } = params;
      const ready = await readYourWrites(deps, DETAIL, query.minPosition, { patientId });
      if (E.isLeft(ready)) return ready;
      if (await isErased(deps, patientId)) return E.left(erasedRecord);
      const found = await readById<EncounterDetail>(deps, encounterDetailProjection, encounterId, ready.right);
      // Another patient's encounter, or one a patient may not see yet, is not there for this reader.
      if (!found || found.doc.patientId !== patientId || !shownTo(principal.role, found.doc.status)) return E.left(noEncounter);
      return E.right({
        body: encounterBody(found.doc, found.version, ready.right),
        positions: { [DETAIL]: ready.right },
        versions: { [encounterId]: found.version },
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/encounters',
    summary: "A patient's encounters, newest first, each with its status and primary diagnosis (a patient sees their signed ones)",
    tags: TAGS,
    roles: ['admin', 'clinician', 'auditor', 'patient'],
    params: t.type({ patientId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'Encounter',
      keepQuery: ['minPosition'],
      reproduce: async ({ params, role, positions, versions }) => {
        const summaries = await encountersAt(store, patientEncountersProjection, versions);
        return summaries && encounterListBody(role, params['patientId'] ?? '', summaries, positions[SUMMARIES] ?? 0);
      },
    },
    errors: [410, 503],
    handle: async ({ params, query, principal }) => {
      const { patientId } = params;
      const ready = await readYourWrites(deps, SUMMARIES, query.minPosition, { patientId });
      if (E.isLeft(ready)) return ready;
      if (await isErased(deps, patientId)) return E.left(erasedRecord);
      const docs = await deps.collections.of<EncounterSummary>(patientEncountersProjection);
      const shown = (await everyMatch(docs, [{ field: 'patientId', op: 'eq', value: patientId }])).filter((s) =>
        shownTo(principal.role, s.doc.status),
      );
      return E.right({
        body: encounterListBody(
          principal.role,
          patientId,
          shown.map((s) => s.doc),
          ready.right,
        ),
        positions: { [SUMMARIES]: ready.right },
        versions: Object.fromEntries(shown.map((s) => [s.id, s.version])),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/worklist',
    summary: "The calling clinician's encounters not yet signed, oldest first",
    tags: TAGS,
    roles: ['clinician'],
    query: MinPosition,
    audit: {
      resource: 'Encounter',
      patientsIn: patientsInItems,
      keepQuery: ['minPosition'],
      reproduce: async ({ positions, versions }) => {
        const encounters = await encountersAt(store, encounterDetailProjection, versions);
        return encounters && worklistBody(encounters, positions[DETAIL] ?? 0);
      },
    },
    errors: [503],
    handle: async ({ query, principal }) => {
      const ready = await readYourWrites(deps, DETAIL, query.minPosition);
      if (E.isLeft(ready)) return ready;
      const docs = await deps.collections.of<EncounterDetail>(encounterDetailProjection);
      const open = await everyMatch(docs, [
        { field: 'clinicianId', op: 'eq', value: principal.id },
        { field: 'status', op: 'eq', value: 'in-progress' },
      ]);
      // An erased patient's drafts hold what was written until the read model is rebuilt: left out.
      const patients = await (
        await deps.collections.of<PatientDetail>(patientDetailProjection)
      ).getMany([...new Set(open.map((e) => e.doc.patientId))]);
      const shown = open.filter((e) => patients.get(e.doc.patientId)?.doc?.status !== 'erased');
      return E.right({
        body: worklistBody(
          shown.map((e) => e.doc),
          ready.right,
        ),
        positions: { [DETAIL]: ready.right },
        versions: Object.fromEntries(shown.map((e) => [e.id, e.version])),
      });
    },
  }),
];
