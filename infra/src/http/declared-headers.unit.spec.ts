import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { declaredHeaders, headerSchemaOf } from './declared-headers.js';

const KEY = { name: 'idempotency-key', required: false, pattern: '^[!-~]{8,200}$', description: 'Retries with it act once' };
const TENANT = { name: 'x-tenant', required: true, pattern: '^[a-z]+$', description: 'Whose books' };

describe('Declared request headers', () => {
  const read = declaredHeaders([KEY, TENANT]);

  it('passes the declared headers, and only those, as sent', () => {
    const readKey = declaredHeaders([KEY]);
    expect(readKey({ 'idempotency-key': 'pay-0001-retry', accept: 'application/json' })).to.deep.equal(
      E.right({ 'idempotency-key': 'pay-0001-retry' }),
    );
  });

  it('leaves out an optional header not sent', () => {
    expect(read({ 'x-tenant': 'north' })).to.deep.equal(E.right({ 'x-tenant': 'north' }));
  });

  it('names each header that breaks its pattern or is missing, with the rule', () => {
    expect(read({ 'idempotency-key': 'short' })).to.deep.equal(
      E.left([
        { path: 'headers.idempotency-key', rule: 'must match ^[!-~]{8,200}$' },
        { path: 'headers.x-tenant', rule: 'required' },
      ]),
    );
  });

  it('checks a header sent empty against its pattern rather than taking it as absent', () => {
    expect(read({ 'idempotency-key': '', 'x-tenant': 'north' })).to.deep.equal(
      E.left([{ path: 'headers.idempotency-key', rule: 'must match ^[!-~]{8,200}$' }]),
    );
  });

  it('refuses a pattern that is not a regular expression when the route is served, not on a request', () => {
    expect(() => declaredHeaders([{ ...KEY, pattern: '([' }])).to.throw(SyntaxError);
  });

  it('describes each header for the API document, required as declared', () => {
    expect(headerSchemaOf([KEY, TENANT])).to.deep.equal({
      properties: {
        'idempotency-key': { type: 'string', pattern: KEY.pattern, description: KEY.description },
        'x-tenant': { type: 'string', pattern: TENANT.pattern, description: TENANT.description },
      },
      required: ['x-tenant'],
    });
  });
});
