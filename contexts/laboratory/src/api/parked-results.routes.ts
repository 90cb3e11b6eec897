import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, type CommandResult, type Route } from '@hcms/shared-kernel';
import type { LaboratoryDeps } from '../application/laboratory.deps.js';
import { assignParkedResults, discardParkedResults } from '../application/parked-results.handler.js';
import { contextOf } from './lab-order.routes.js';
import * as R from './lab.requests.js';

const answered = (parkedId: string) =>
  E.map(({ version, position }: CommandResult) => ({ status: 200, body: { parkedId, version, position } }));

export const parkedResultRoutes = (deps: LaboratoryDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/lab/parked-results/:parkedId/assign',
    summary:
      'Assign results an analyser sent without a matching order to the order they belong to. They are entered on its current specimen, under the same rules, just after this answers; results that order will not take come back to the parked list with the reason',
    tags: ['laboratory'],
    roles: ['lab-technician'],
    params: R.ParkedParams,
    body: R.AssignParkedBody,
    patientOf: ({ body }) => body.patientId,
    audit: { resource: 'LabOrder' },
    errors: [404, 409, 410],
    handle: async (input) =>
      answered(input.params.parkedId)(
        await assignParkedResults(deps)(
          input.params.parkedId,
          { patientId: input.body.patientId, labOrderId: input.body.labOrderId },
          contextOf(deps, input),
          input.body.version,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    path: '/lab/parked-results/:parkedId/discard',
    summary: 'Discard parked results that belong to no order here (a test message, another laboratory’s patient), with the reason',
    tags: ['laboratory'],
    roles: ['lab-technician'],
    params: R.ParkedParams,
    body: R.DiscardParkedBody,
    audit: { resource: 'ParkedResult' },
    errors: [404, 409],
    handle: async (input) =>
      answered(input.params.parkedId)(await discardParkedResults(deps)(input.params.parkedId, input.body.reason, contextOf(deps, input))),
  }),
];
