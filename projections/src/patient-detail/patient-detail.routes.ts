import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, notFound, Uuid, type Route } from '@hcms/shared-kernel';
import { hideOtherPatientsFrom } from '@hcms/patients/contract';
import { MinPosition } from '../query-params.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { patientDetailProjection, type PatientDetail } from './patient-detail.projection.js';

export const patientDetailRoutes = (deps: ReadModelDeps): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId',
    summary: "A patient's demographics, allergies, medical history and consents",
    tags: ['patients (read)'],
    roles: ['admin', 'clinician', 'receptionist', 'auditor', 'patient'],
    params: t.type({ patientId: Uuid }),
    query: MinPosition,
    patientOf: ({ params }) => params.patientId,
    errors: [404, 503],
    handle: async ({ params, query, principal }) => {
      const ready = await readYourWrites(deps, patientDetailProjection.name, query.minPosition);
      if (E.isLeft(ready)) return ready;
      const found = await readById<PatientDetail>(deps, patientDetailProjection, params.patientId, ready.right);
      return found
        ? E.right({ body: { ...hideOtherPatientsFrom(principal.role, found.doc), version: found.version, position: ready.right } })
        : E.left(notFound('PATIENT_NOT_FOUND', 'no such patient'));
    },
  }),
];
