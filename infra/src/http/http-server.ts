import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteHandlerMethod,
} from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { PURPOSES_OF_USE, type Route } from '@hcms/shared-kernel';
import type { AuditTrail } from '../audit/audit-trail.js';
import { headerSchemaOf } from './declared-headers.js';
import { ERROR_SCHEMA, errorBody } from './error-response.js';
import { toJsonSchema } from './json-schema.js';
import { withLinks, type OpenApiDocument } from './openapi-links.js';
import { requestIdOf } from './request-id.js';
import { identify, routeHandler, sendAudited, type Gate } from './route-handler.js';
import { statusesOf } from './route-statuses.js';

export interface HealthReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, { readonly status: 'up' | 'down'; readonly detail?: string }>>;
}

export interface HttpServerOptions {
  readonly routes: readonly Route[];
  readonly gate: Gate;
  /** Where every request to a route that touches patient data is recorded before it is answered. */
  readonly trail: AuditTrail;
  /** Addresses of proxies whose `x-forwarded-for` names the client (the audit log records it). */
  readonly trustedProxies: readonly string[];
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  readonly health: () => Promise<HealthReport>;
  readonly version: string;
  /** Serve routes some other way than by their own handler (the gateway forwards them). */
  readonly dispatch?: (route: Route) => RouteHandlerMethod;
  /** Plugins to register before the routes (e.g. the gateway's forwarding). */
  readonly plugins?: (app: FastifyInstance) => Promise<void>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: each problem names the field (path) and the rule it broke (POSITION_NOT_IN_LOG: a minPosition past the head of the log)',
  401: 'No valid bearer token',
  403: 'The role may not do this, or a patient asked for another patient',
  404: 'No such resource',
  409: 'Conflicts with the current state (e.g. MRN taken, possible duplicate, concurrent change; an erasure inside the retention period or under a legal hold, with the date it becomes possible)',
  410: 'The patient’s record was erased: its personal data can never be read again',
  413: 'Body larger than the limit',
  415: 'Body not sent as application/json',
  422: 'Refused by a business rule',
  503: 'A read model has not yet applied the requested position, or set aside an event it needs; or the access could not be recorded in the audit log',
};

const API_DESCRIPTION = [
  'Healthcare management: commands, read models and the audit trail.',
  'Every operation lists each status it can answer; 500 is a fault, never an answer.',
  'A path that exists answers 405 with an `Allow` header to a method it does not declare; an unknown path answers 404.',
].join(' ');

const PURPOSE_HEADER = {
  'x-purpose-of-use': {
    type: 'string',
    enum: Object.keys(PURPOSES_OF_USE),
    description: 'Why the caller acts (HL7 v3 PurposeOfUse), kept in the audit entry',
  },
};

/** Every route reads the purpose of use; some declare headers of their own. */
const headersSchema = (route: Route) => {
  const declared = headerSchemaOf(route.headers ?? []);
  return {
    type: 'object',
    properties: { ...PURPOSE_HEADER, ...declared.properties },
    ...(declared.required.length > 0 ? { required: declared.required } : {}),
  };
};

const JSON_BODY = { type: 'object', additionalProperties: true };

/** Lines of JSON and text are strings; any other media type but JSON is bytes (a PDF, an export file). */
const schemaOfMediaType = (type: string): Record<string, unknown> =>
  type.endsWith('ndjson') || type.startsWith('text/')
    ? { type: 'string' }
    : type.endsWith('json')
      ? JSON_BODY
      : { type: 'string', format: 'binary' };

const successSchema = (route: Route) => {
  if (!route.produces) return { description: 'Success', ...JSON_BODY };
  const content: Record<string, { schema: Record<string, unknown> }> = { 'application/json': { schema: JSON_BODY } };
  for (const type of route.produces) content[type] = { schema: schemaOfMediaType(type) };
  return { description: 'Success', content };
};

const schemaOf = (route: Route) => ({
  summary: route.summary,
  tags: [...route.tags],
  security: [{ bearer: [] }],
  headers: headersSchema(route),
  ...(route.params ? { params: toJsonSchema(route.params) } : {}),
  ...(route.query ? { querystring: toJsonSchema(route.query) } : {}),
  ...(route.body ? { body: toJsonSchema(route.body) } : {}),
  response: Object.fromEntries(
    statusesOf(route).map((s): [number, Record<string, unknown>] =>
      s < 400 ? [s, successSchema(route)] : [s, { ...ERROR_SCHEMA, description: ERROR_DESCRIPTIONS[s] ?? 'Error' }],
    ),
  ),
});

/** For each declared path, a hidden route answering 405 with `Allow` to every method it does not declare. */
const refuseUndeclaredMethods = (app: FastifyInstance, declared: ReadonlyArray<{ method: string; path: string }>): void => {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of declared) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  // Every method the server understands (TRACE and QUERY too): none may fall through to a 404 or a 400.
  const known = app.supportedMethods;
  for (const [path, methods] of byPath) {
    // Fastify answers HEAD itself wherever GET is declared.
    if (methods.has('GET')) methods.add('HEAD');
    const allow = known.filter((m) => methods.has(m)).join(', ');
    const refuse = (request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(405)
        .header('allow', allow)
        .send(
          errorBody({ code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed on ${path}; allowed: ${allow}` }, request.id),
        );
    app.route({
      method: known.filter((m) => !methods.has(m)),
      url: path,
      schema: { hide: true },
      // Answered before the body is looked at: a method with a body must not first be refused for its content type.
      onRequest: async (request, reply) => void (await refuse(request, reply)),
      handler: refuse,
    });
  }
};

/** One line per request, when it is answered: a line on arrival as well doubled the cost of logging under load. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** The HTTP host: Fastify serving framework-free routes, documented at /docs. */
export const buildHttpServer = async (options: HttpServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    // The id reaches event metadata: fastify would take any header text, so we choose ourselves.
    requestIdHeader: false,
    genReqId: requestIdOf,
    logController: new OneLinePerRequest(),
    // A URL the router cannot read (bad percent-encoding) is the client's error, in our error shape.
    frameworkErrors: (error, request, reply) =>
      void (reply as FastifyReply)
        .code(400)
        .send(errorBody({ code: 'BAD_REQUEST', message: `unreadable request: ${error.message}` }, request.id)),
    logger: {
      level: options.logLevel,
      redact: ['req.headers.authorization'],
      // Query strings carry search terms (names, dates of birth): log the path only.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      },
    },
  });
  // io-ts decodes every input; the JSON Schemas exist for the API document only.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addHook('onSend', async (request, reply) => void reply.header('x-request-id', request.id));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'HCMS API',
        version: options.version,
        description: API_DESCRIPTION,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transformObject: (documents) =>
      'openapiObject' in documents ? withLinks(documents.openapiObject as OpenApiDocument) : documents.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get(
    '/health',
    {
      logLevel: 'warn',
      schema: {
        summary: 'Ready when every adapter answers',
        tags: ['operations'],
        response: {
          200: { description: 'Every check is up', type: 'object', additionalProperties: true },
          503: { description: 'A check is down (see checks)', type: 'object', additionalProperties: true },
        },
      },
    },
    async (_req, reply) => {
      const report = await options.health();
      return reply.code(report.ready ? 200 : 503).send({ status: report.ready ? 'ok' : 'unavailable', checks: report.checks });
    },
  );
  app.get('/health/live', { logLevel: 'warn', schema: { summary: 'The process is up', tags: ['operations'] } }, async () => ({
    status: 'ok',
  }));

  await options.plugins?.(app);
  for (const route of options.routes) {
    const handler = options.dispatch ? options.dispatch(route) : routeHandler(route, options.gate, options.trail);
    app.route({ method: route.method, url: route.path, schema: schemaOf(route), handler });
  }
  refuseUndeclaredMethods(app, [
    { method: 'GET', path: '/health' },
    { method: 'GET', path: '/health/live' },
    ...options.routes.map(({ method, path }) => ({ method, path })),
  ]);

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }, request.id)),
  );
  // A request refused before its handler ran (a body too large, not JSON) or failing in it is on the record too.
  const byRoute = new Map(options.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const answered = async (request: FastifyRequest, reply: FastifyReply, status: number, body: unknown) => {
    const route = byRoute.get(`${request.method === 'HEAD' ? 'GET' : request.method} ${request.routeOptions.url ?? ''}`);
    // Behind a gateway, the service answered (and recorded) a forwarded request; a fault in forwarding is not an answer.
    const forwarded = options.dispatch !== undefined && status >= 500;
    if (!route || route.audit === 'no-patient-data' || forwarded) return reply.code(status).send(body);
    const principal = await identify(options.gate, request);
    return sendAudited(route, options.trail, request, reply, { status, body, ...(principal ? { principal } : {}) });
  };
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
      return answered(request, reply, 500, errorBody({ code: 'INTERNAL', message: 'internal error; quote the request id' }, request.id));
    }
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'BODY_TOO_LARGE'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.name === 'SyntaxError' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? 'INVALID_JSON'
            : 'BAD_REQUEST';
    const problems = code === 'INVALID_JSON' ? [{ path: 'body', rule: 'must be valid JSON' }] : undefined;
    return answered(request, reply, status, errorBody({ code, message: error.message, ...(problems ? { problems } : {}) }, request.id));
  });
  return app;
};
