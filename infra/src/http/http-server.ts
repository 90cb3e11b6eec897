import Fastify, { type FastifyError, type FastifyInstance, type RouteHandlerMethod } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Route } from '@hcms/shared-kernel';
import type { TokenService } from '../auth/jwt.js';
import { ERROR_SCHEMA, errorBody } from './error-response.js';
import { toJsonSchema } from './json-schema.js';
import { requestIdOf } from './request-id.js';
import { routeHandler } from './route-handler.js';

export interface HealthReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, { readonly status: 'up' | 'down'; readonly detail?: string }>>;
}

export interface HttpServerOptions {
  readonly routes: readonly Route[];
  readonly tokens: TokenService;
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
  400: 'Invalid input: each problem names the field (path) and the rule it broke',
  401: 'No valid bearer token',
  403: 'The role may not do this, or a patient asked for another patient',
  404: 'No such resource',
  409: 'Conflicts with the current state (e.g. MRN taken, possible duplicate, concurrent change)',
  413: 'Body larger than the limit',
  422: 'Refused by a business rule',
  503: 'A read model has not yet applied the requested position',
};

const schemaOf = (route: Route) => {
  const errors = [400, 401, 403, ...(route.errors ?? [])];
  return {
    summary: route.summary,
    tags: [...route.tags],
    security: [{ bearer: [] }],
    ...(route.params ? { params: toJsonSchema(route.params) } : {}),
    ...(route.query ? { querystring: toJsonSchema(route.query) } : {}),
    ...(route.body ? { body: toJsonSchema(route.body) } : {}),
    response: {
      [route.successStatus ?? 200]: { description: 'Success', type: 'object', additionalProperties: true },
      ...Object.fromEntries(errors.map((s) => [s, { ...ERROR_SCHEMA, description: ERROR_DESCRIPTIONS[s] ?? 'Error' }])),
    },
  };
};

/** The HTTP host: Fastify serving framework-free routes, documented at /docs. */
export const buildHttpServer = async (options: HttpServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes,
    // The id reaches event metadata: fastify would take any header text, so we choose ourselves.
    requestIdHeader: false,
    genReqId: requestIdOf,
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
        description: 'Healthcare management: commands, read models and the audit trail',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get(
    '/health',
    { logLevel: 'warn', schema: { summary: 'Ready when every adapter answers', tags: ['operations'] } },
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
    const handler = options.dispatch ? options.dispatch(route) : routeHandler(route, options.tokens);
    app.route({ method: route.method, url: route.path, schema: schemaOf(route), handler });
  }

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }, request.id)),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
      return reply.code(500).send(errorBody({ code: 'INTERNAL', message: 'internal error; quote the request id' }, request.id));
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
    return reply.code(status).send(errorBody({ code, message: error.message, ...(problems ? { problems } : {}) }, request.id));
  });
  return app;
};
