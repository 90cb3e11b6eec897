import { expect } from 'chai';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, IntFromQuery, Uuid, type Route, type RouteSpec } from '@hcms/shared-kernel';
import { statusesOf } from './route-statuses.js';

const route = <P, Q>(spec: Partial<RouteSpec<P, Q, unknown>>): Route =>
  defineRoute<P, Q>({
    method: 'GET',
    path: '/x',
    summary: 'x',
    tags: [],
    roles: ['admin'],
    audit: 'no-patient-data',
    handle: async () => E.right({ body: {} }),
    ...spec,
  });

describe('The statuses a route documents', () => {
  it('always include its success, 400 for any input and 401/403 for the bearer and role checks', () =>
    expect(statusesOf(route({}))).to.deep.equal([200, 400, 401, 403]));

  it('add 404 when the path names an id, and its declared errors', () =>
    expect(statusesOf(route({ params: t.type({ id: Uuid }), errors: [422] }))).to.deep.equal([200, 400, 401, 403, 404, 422]));

  it('add 409, 413 and 415 for a write, with its own success status', () =>
    expect(statusesOf(route({ method: 'POST', successStatus: 201 }))).to.deep.equal([201, 400, 401, 403, 409, 413, 415]));

  it('add 503 when the query waits for a minPosition, even inside an intersection', () => {
    const query = t.intersection([t.type({ q: t.string }), t.partial({ minPosition: IntFromQuery(0, 10) })]);
    expect(statusesOf(route({ query }))).to.include(503);
    expect(statusesOf(route({ query: t.partial({ limit: IntFromQuery(1, 10) }) }))).not.to.include(503);
  });

  it('add 503 when the route touches patient data: an answer waits for its audit entry, which may fail', () =>
    expect(statusesOf(route({ audit: { resource: 'Patient' } }))).to.deep.equal([200, 400, 401, 403, 503]));
});
