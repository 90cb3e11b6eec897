import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { defineRoute, type Route } from '@hcms/shared-kernel';
import { AuditTrail } from '../audit/audit-trail.js';
import { SqliteAuditLog } from '../audit/sqlite-audit-log.js';
import { jwtTokenService } from '../auth/jwt.js';
import { systemClock } from '../system/system-clock.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { tempDir } from '../testing/fixtures.js';
import { forwarding, forwardingTo } from './forwarding.js';
import { buildHttpServer, type HttpServerOptions } from './http-server.js';

const PATIENT = '0190f5c2-0000-7000-8000-0000000000aa';
const PDF = 'application/pdf';
/** Every byte value between a PDF's first and last lines: any text decoding on the way would change some. */
const STATEMENT = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\n%%EOF\n'),
]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const IDEMPOTENCY_KEY = {
  name: 'idempotency-key',
  required: false,
  pattern: '^[!-~]{8,200}$',
  description: 'A retry with the same key answers the first payment and records nothing',
};

const routes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/patients/:patientId/payments',
    summary: 'Echoes the headers it was given',
    tags: ['test'],
    roles: ['billing-clerk'],
    params: t.type({ patientId: t.string }),
    headers: [IDEMPOTENCY_KEY],
    audit: { resource: 'Account' },
    successStatus: 201,
    handle: async (input) => E.right({ status: 201, body: { patientId: PATIENT, headers: input.headers ?? null } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/statement',
    summary: 'A statement: JSON, or the PDF when asked for',
    tags: ['test'],
    roles: ['billing-clerk'],
    params: t.type({ patientId: t.string }),
    audit: { resource: 'Account' },
    produces: [PDF],
    handle: async (input) =>
      E.right(input.accept.includes(PDF) ? { body: STATEMENT, contentType: PDF } : { body: { patientId: PATIENT, balance: 0 } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/statements/excerpt',
    summary: 'A view into larger bytes, not a Buffer',
    tags: ['test'],
    roles: ['billing-clerk'],
    audit: { resource: 'Account' },
    produces: [PDF],
    handle: async () => E.right({ body: new Uint8Array(STATEMENT.buffer, STATEMENT.byteOffset + 9, 256), contentType: PDF }),
  }),
];

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; description?: string; schema?: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}

describe('The HTTP host', function () {
  this.timeout(30_000);
  const dir = tempDir('hcms-host-');
  const log = SqliteAuditLog.open(join(dir.path, 'audit.db'), 'normal');
  const tokens = jwtTokenService('a-test-secret-of-at-least-32-chars!', 'hcms-test', 600);
  const gate = { tokens, grants: log, clock: systemClock };
  const trail = new AuditTrail(log, uuidV7Generator, systemClock);
  const options: HttpServerOptions = {
    routes,
    gate,
    trail,
    trustedProxies: ['127.0.0.1'],
    bodyLimitBytes: 64 * 1024,
    logLevel: 'silent',
    health: async () => ({ ready: true, checks: {} }),
    version: 'test',
  };
  const servers: FastifyInstance[] = [];
  let service: string;
  let gateway: string;
  let token: string;

  before(async () => {
    const upstream = await buildHttpServer(options);
    servers.push(upstream);
    service = await upstream.listen({ port: 0, host: '127.0.0.1' });
    const front = await buildHttpServer({ ...options, dispatch: forwardingTo(() => service, gate, trail), plugins: forwarding });
    servers.push(front);
    gateway = await front.listen({ port: 0, host: '127.0.0.1' });
    token = await tokens.issue('clerk-1', 'billing-clerk');
  });
  after(async () => {
    for (const server of servers) await server.close();
    await log.close();
    dir.remove();
  });

  const pay = (base: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/patients/${PATIENT}/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: '{}',
    });
  const statement = (base: string, path = `/patients/${PATIENT}/statement`, accept = PDF) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });

  describe('serving a route that declares a request header', () => {
    it('gives the route its header, and no other', async () => {
      const res = await pay(service, { 'Idempotency-Key': 'pay-2026-0001', 'x-other': 'kept out' });
      expect(res.status).to.equal(201);
      expect(((await res.json()) as { headers: unknown }).headers).to.deep.equal({ 'idempotency-key': 'pay-2026-0001' });
    });

    it('runs without an optional header not sent', async () => {
      const res = await pay(service);
      expect(res.status).to.equal(201);
      expect(((await res.json()) as { headers: unknown }).headers).to.deep.equal({});
    });

    it('answers 400 naming headers.idempotency-key and its rule when the header breaks its pattern', async () => {
      const res = await pay(service, { 'idempotency-key': 'short' });
      expect(res.status).to.equal(400);
      const body = (await res.json()) as { error: string; problems: unknown[] };
      expect(body.error).to.equal('INVALID_INPUT');
      expect(body.problems).to.deep.equal([{ path: 'headers.idempotency-key', rule: 'must match ^[!-~]{8,200}$' }]);
    });

    it('documents the header as an optional header parameter with its pattern and description', async () => {
      const doc = (await (await fetch(`${service}/docs/json`)).json()) as { paths: Record<string, Record<string, Operation>> };
      const parameters = doc.paths['/patients/{patientId}/payments']?.['post']?.parameters ?? [];
      expect(parameters.find((p) => p.name === 'idempotency-key')).to.deep.include({
        in: 'header',
        required: false,
        description: IDEMPOTENCY_KEY.description,
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY.pattern },
      });
      expect(parameters.find((p) => p.name === 'x-purpose-of-use')?.in).to.equal('header');
    });

    it('passes the header through a gateway to the service', async () => {
      const res = await pay(gateway, { 'idempotency-key': 'pay-2026-0002' });
      expect(res.status).to.equal(201);
      expect(((await res.json()) as { headers: unknown }).headers).to.deep.equal({ 'idempotency-key': 'pay-2026-0002' });
      const refused = await pay(gateway, { 'idempotency-key': 'short' });
      expect(refused.status).to.equal(400);
    });
  });

  describe('serving bytes', () => {
    it('sends a PDF asked for byte for byte, as application/pdf, and records its SHA-256', async () => {
      const res = await statement(service);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal(PDF);
      expect(Buffer.from(await res.arrayBuffer()).equals(STATEMENT)).to.equal(true);
      const [entry] = await log.find({ patientId: PATIENT, newestFirst: true, limit: 1 });
      expect(entry?.request.route).to.equal('/patients/:patientId/statement');
      expect(entry?.bodyDigest).to.equal(sha256(STATEMENT));
    });

    it('answers JSON to a client that does not ask for the PDF', async () => {
      const res = await statement(service, undefined, 'application/json');
      expect(res.headers.get('content-type')).to.match(/^application\/json/);
      expect(await res.json()).to.deep.equal({ patientId: PATIENT, balance: 0 });
    });

    it('sends a Uint8Array view as exactly its bytes, and records their SHA-256', async () => {
      const excerpt = STATEMENT.subarray(9, 9 + 256);
      const res = await statement(service, '/statements/excerpt');
      expect(Buffer.from(await res.arrayBuffer()).equals(excerpt)).to.equal(true);
      const [entry] = await log.find({ newestFirst: true, limit: 1 });
      expect(entry?.request.route).to.equal('/statements/excerpt');
      expect(entry?.bodyDigest).to.equal(sha256(excerpt));
    });

    it('documents the PDF as binary next to the JSON answer', async () => {
      const doc = (await (await fetch(`${service}/docs/json`)).json()) as { paths: Record<string, Record<string, Operation>> };
      const content = doc.paths['/patients/{patientId}/statement']?.['get']?.responses['200']?.content;
      expect(content?.[PDF]).to.deep.equal({ schema: { type: 'string', format: 'binary' } });
      expect(content?.['application/json']?.schema).to.include({ type: 'object' });
    });

    it('arrives through a gateway byte-identical, as application/pdf', async () => {
      const res = await statement(gateway);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal(PDF);
      expect(Buffer.from(await res.arrayBuffer()).equals(STATEMENT)).to.equal(true);
    });
  });
});
