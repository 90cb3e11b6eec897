import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConcurrencyConflictError, conflict, decode, forbidden, type Actor, type DomainError, type Route } from '@hcms/shared-kernel';
import type { TokenService } from '../auth/jwt.js';
import { errorBody, STATUS_OF } from './error-response.js';
import { isWellFormedId } from './request-id.js';

const NoBody = t.union([t.undefined, t.null, t.type({})]) as unknown as t.Type<unknown, unknown, unknown>;
const NoInput = t.union([t.undefined, t.type({})]) as unknown as t.Type<unknown, unknown, unknown>;

const unauthorized = (reply: FastifyReply, requestId: string, message: string) =>
  reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="hcms"')
    .send(errorBody({ code: 'UNAUTHENTICATED', message }, requestId));

const refuse = (reply: FastifyReply, requestId: string, error: DomainError) =>
  reply.code(STATUS_OF[error.kind]).send(errorBody(error, requestId));

const authenticate = async (tokens: TokenService, header: string | undefined): Promise<E.Either<string, Actor>> => {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  if (!match?.[1]) return E.left('send a bearer token: Authorization: Bearer <token>');
  return tokens.verify(match[1]);
};

/**
 * Who is asking, if they may call this route at all: otherwise the 401 or 403 is sent and the
 * answer is a Left. Every process checks it, the gateway too, so no process relies on another's.
 */
export const admit = async (
  route: Pick<Route, 'roles'>,
  tokens: TokenService,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<E.Either<FastifyReply, Actor>> => {
  const principal = await authenticate(tokens, request.headers.authorization);
  if (E.isLeft(principal)) return E.left(await unauthorized(reply, request.id, principal.left));
  if (!route.roles.includes(principal.right.role)) {
    return E.left(await refuse(reply, request.id, forbidden('FORBIDDEN', `the ${principal.right.role} role may not do this`)));
  }
  return principal;
};

/**
 * The request pipeline every route shares: authenticate, authorise by role, decode params,
 * query and body with the route's codecs, confine patients to their own record, then handle.
 */
export const routeHandler =
  (route: Route, tokens: TokenService) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const principal = await admit(route, tokens, request, reply);
    if (E.isLeft(principal)) return principal.left;
    const params = decode(route.params ?? NoInput, request.params, 'params');
    const query = decode(route.query ?? NoInput, request.query, 'query');
    const body = decode(route.body ?? NoBody, request.body, 'body');
    const problems = [params, query, body].flatMap((r) => (E.isLeft(r) ? (r.left.problems ?? []) : []));
    if (E.isLeft(params) || E.isLeft(query) || E.isLeft(body)) {
      return refuse(reply, request.id, {
        kind: 'validation',
        code: 'INVALID_INPUT',
        message: `invalid request: ${problems.map((p) => `${p.path} ${p.rule}`).join('; ')}`,
        problems,
      });
    }
    const input = { params: params.right, query: query.right, body: body.right };
    if (principal.right.role === 'patient' && (route.patientOf === undefined || route.patientOf(input) !== principal.right.id)) {
      return refuse(reply, request.id, forbidden('FORBIDDEN', 'patients may only reach their own record'));
    }
    const header = request.headers['x-correlation-id'];
    const correlationId = isWellFormedId(header) ? header : request.id;
    let result: Awaited<ReturnType<Route['handle']>>;
    try {
      result = await route.handle({ ...input, principal: principal.right, requestId: request.id, correlationId });
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      return refuse(reply, request.id, conflict('CONCURRENT_CHANGE', 'the record kept changing while this request was decided; retry'));
    }
    if (E.isLeft(result)) return refuse(reply, request.id, result.left);
    return reply.code(result.right.status ?? route.successStatus ?? 200).send(result.right.body);
  };
