import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, invariantViolated, type CommandResult, type Route } from '@hcms/shared-kernel';
import { defineTest } from '../application/define-test.handler.js';
import type { LaboratoryDeps } from '../application/laboratory.deps.js';
import { contextOf } from './lab-order.routes.js';
import * as R from './lab.requests.js';

export const catalogueRoutes = (deps: LaboratoryDeps): Route[] => [
  defineRoute({
    method: 'PUT',
    path: '/lab/catalogue/tests/:code',
    summary:
      'Define a test or panel of the catalogue, or replace its definition: LOINC code, specimen type, UCUM unit, precision, reference ranges by sex and age at collection ([minAge, maxAge); the most specific applies), critical and plausible limits. Results entered from then on use it. With `version` (the definition’s, as read), refused if it changed since (409 TEST_DEFINITION_CHANGED)',
    tags: ['laboratory'],
    roles: ['admin'],
    params: R.TestParams,
    query: R.DefineTestQuery,
    body: R.DefineTestBody,
    audit: 'no-patient-data',
    errors: [409, 422],
    handle: async (input) => {
      if (input.body.code !== input.params.code)
        return E.left(
          invariantViolated('CODE_MISMATCH', 'the definition is of another test', {
            problems: [{ path: 'body.code', rule: `must be ${input.params.code}, the test in the path` }],
          }),
        );
      const result = await defineTest(deps)(input.body, contextOf(deps, input), input.query.version);
      return E.map(({ version, position }: CommandResult) => ({ status: 200, body: { code: input.params.code, version, position } }))(
        result,
      );
    },
  }),
];
