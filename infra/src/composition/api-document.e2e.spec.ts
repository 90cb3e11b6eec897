import { expect } from 'chai';
import { platformUnderTest } from '../testing/running-app.js';

type Schema = { type?: string; format?: string; pattern?: string; enum?: unknown[] };
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

/** The API document, walked operation by operation: what a generated client or a fuzzer relies on. */
describe('The API document', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  let operations: { name: string; path: string; method: string; op: Operation }[];
  before(async () => {
    const doc = (await app.call('GET', '/docs/json')).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => !path.startsWith('/health') && !path.startsWith('/docs'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, op })));
  });

  const statuses = (op: Operation) => Object.keys(op.responses).map(Number);

  it('documents every route of the platform', () => expect(operations).to.have.length.greaterThan(30));

  it('lists 400, 401 and 403 on every operation, and never 500', () => {
    for (const { name, op } of operations) {
      expect(statuses(op), name).to.include.members([400, 401, 403]);
      expect(statuses(op), name).not.to.include(500);
    }
  });

  it('lists 404 wherever the path names an id, and 413/415 wherever a body may be sent', () => {
    for (const { name, path, method, op } of operations) {
      if (path.includes('{')) expect(statuses(op), name).to.include(404);
      if (method !== 'get') expect(statuses(op), name).to.include.members([409, 413, 415]);
    }
  });

  it('lists 503 wherever a read waits for minPosition', () => {
    const waiting = operations.filter(({ op }) => (op.parameters ?? []).some((p) => p.name === 'minPosition'));
    expect(waiting).to.have.length.greaterThan(5);
    for (const { name, op } of waiting) expect(statuses(op), name).to.include(503);
  });

  it('gives every path parameter a format or pattern, so ids valid by the document are accepted', () => {
    const params = operations.flatMap(({ name, op }) => (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name, p })));
    expect(params).to.have.length.greaterThan(20);
    for (const { name, p } of params) expect(p.schema?.format ?? p.schema?.pattern, `${name} ${p.name}`).to.be.a('string');
  });

  it('accepts a path id generated from its pattern', async () => {
    const res = await app.call('GET', '/patients/ABCDEF01-2345-4678-9ABC-DEF012345678', { token: await app.token('admin') });
    expect(res.status, JSON.stringify(res.body)).to.equal(404);
  });

  it('does not document the 405 answers as operations', () => {
    const getOnly = operations.filter(({ path }) => path === '/patients/{patientId}').map(({ method }) => method);
    expect(getOnly).to.deep.equal(['get']);
  });
});
