import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ConcurrencyConflictError,
  conflict,
  decode,
  forbidden,
  PURPOSES_OF_USE,
  Uuid,
  type Actor,
  type AuditLog,
  type Clock,
  type DomainError,
  type Problem,
  type PurposeOfUse,
  type Route,
} from '@hcms/shared-kernel';
import type { TokenService } from '../auth/jwt.js';
import type { AuditedAnswer, AuditedRequest, AuditTrail } from '../audit/audit-trail.js';
import { declaredHeaders, type DeclaredHeaders } from './declared-headers.js';
import { errorBody, STATUS_OF } from './error-response.js';
import { isWellFormedId } from './request-id.js';

const NoBody = t.union([t.undefined, t.null, t.type({})]) as unknown as t.Type<unknown, unknown, unknown>;
const NoInput = t.union([t.undefined, t.type({})]) as unknown as t.Type<unknown, unknown, unknown>;

/** Who may be let in, and how: the tokens, and the emergency grants that open a record to a role without access. */
export interface Gate {
  readonly tokens: TokenService;
  readonly grants: Pick<AuditLog, 'emergencyAccessFor'>;
  readonly clock: Clock;
}

/** An answer decided but not yet sent: the audit entry is written first. */
export interface Answer extends AuditedAnswer {
  readonly headers?: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

export interface Admitted {
  readonly principal: Actor;
  readonly purposeOfUse?: PurposeOfUse;
  readonly emergencyAccessId?: string;
}

const refusal = (
  requestId: string,
  error: Pick<DomainError, 'kind' | 'code' | 'message' | 'problems'>,
  who: Partial<Admitted> = {},
): Answer => ({
  status: STATUS_OF[error.kind],
  body: errorBody(error, requestId),
  ...who,
});

const authenticate = async (tokens: TokenService, header: string | undefined): Promise<E.Either<string, Actor>> => {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
  if (!match?.[1]) return E.left('send a bearer token: Authorization: Bearer <token>');
  return tokens.verify(match[1]);
};

/** Who sent a request, if its token is valid: for the record of a request refused before it was admitted. */
export const identify = async (gate: Pick<Gate, 'tokens'>, request: FastifyRequest): Promise<Actor | undefined> => {
  const authenticated = await authenticate(gate.tokens, request.headers.authorization);
  return E.isRight(authenticated) ? authenticated.right : undefined;
};

const PURPOSE_RULE = `must be an HL7 v3 PurposeOfUse code: ${Object.keys(PURPOSES_OF_USE).join(', ')}`;

/** A staff member may break the glass for one patient's record, never to write it. */
const opensInEmergency = (route: Route, role: Actor['role']): boolean =>
  role !== 'patient' && route.method === 'GET' && route.audit !== 'no-patient-data' && route.path.includes(':patientId');

/**
 * Who is asking, if they may call this route at all; otherwise the 401, 403 or 400 (a purpose
 * of use that is not a code) to send. Every process checks it, the gateway too, so no process
 * relies on another's.
 */
export const admit = async (route: Route, gate: Gate, request: FastifyRequest): Promise<E.Either<Answer, Admitted>> => {
  const authenticated = await authenticate(gate.tokens, request.headers.authorization);
  if (E.isLeft(authenticated)) {
    return E.left({
      status: 401,
      body: errorBody({ code: 'UNAUTHENTICATED', message: authenticated.left }, request.id),
      headers: { 'www-authenticate': 'Bearer realm="hcms"' },
    });
  }
  const principal = authenticated.right;
  const declared = request.headers['x-purpose-of-use'];
  if (declared !== undefined && !(typeof declared === 'string' && declared in PURPOSES_OF_USE)) {
    const problems = [{ path: 'headers.x-purpose-of-use', rule: PURPOSE_RULE }];
    return E.left(
      refusal(
        request.id,
        { kind: 'validation', code: 'INVALID_INPUT', message: `invalid request: x-purpose-of-use ${PURPOSE_RULE}`, problems },
        { principal },
      ),
    );
  }
  const purposeOfUse = declared as PurposeOfUse | undefined;
  const admitted = { principal, ...(purposeOfUse ? { purposeOfUse } : {}) };
  if (route.roles.includes(principal.role)) return E.right(admitted);
  const patientId = (request.params as Record<string, unknown> | undefined)?.['patientId'];
  if (opensInEmergency(route, principal.role) && Uuid.is(patientId)) {
    const grant = await gate.grants.emergencyAccessFor(principal.id, patientId, gate.clock.now().toISOString());
    if (grant) return E.right({ ...admitted, emergencyAccessId: grant.emergencyAccessId });
  }
  return E.left(refusal(request.id, forbidden('FORBIDDEN', `the ${principal.role} role may not do this`), admitted));
};

/** Bytes are sent as they are, and digested as bytes: a plain Uint8Array would otherwise be hashed as JSON. */
const asSent = (body: unknown): unknown =>
  body instanceof Uint8Array && !Buffer.isBuffer(body) ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : body;

/**
 * Decide the answer: admit, decode params, query, body and declared headers, confine patients
 * to their own record, then handle.
 */
const answerTo = async (
  route: Route,
  gate: Gate,
  request: FastifyRequest,
  headersOf: (sent: FastifyRequest['headers']) => E.Either<Problem[], DeclaredHeaders>,
): Promise<Answer> => {
  const admission = await admit(route, gate, request);
  if (E.isLeft(admission)) return admission.left;
  const who = admission.right;
  const params = decode(route.params ?? NoInput, request.params, 'params');
  const query = decode(route.query ?? NoInput, request.query, 'query');
  const body = decode(route.body ?? NoBody, request.body, 'body');
  const headers = headersOf(request.headers);
  const problems = [params, query, body]
    .flatMap((r) => (E.isLeft(r) ? (r.left.problems ?? []) : []))
    .concat(E.isLeft(headers) ? headers.left : []);
  if (E.isLeft(params) || E.isLeft(query) || E.isLeft(body) || E.isLeft(headers)) {
    const message = `invalid request: ${problems.map((p) => `${p.path} ${p.rule}`).join('; ')}`;
    return refusal(request.id, { kind: 'validation', code: 'INVALID_INPUT', message, problems }, who);
  }
  const input = { params: params.right, query: query.right, body: body.right };
  const decoded = { ...who, query: query.right };
  if (who.principal.role === 'patient' && (route.patientOf === undefined || route.patientOf(input) !== who.principal.id)) {
    return refusal(request.id, forbidden('FORBIDDEN', 'patients may only reach their own record'), decoded);
  }
  const header = request.headers['x-correlation-id'];
  const correlationId = isWellFormedId(header) ? header : request.id;
  try {
    const result = await route.handle({
      ...input,
      principal: who.principal,
      requestId: request.id,
      correlationId,
      accept: request.headers.accept ?? '',
      address: request.ip,
      ...(route.headers ? { headers: headers.right } : {}),
    });
    if (E.isLeft(result)) return refusal(request.id, result.left, decoded);
    const response = result.right;
    return {
      ...decoded,
      status: response.status ?? route.successStatus ?? 200,
      body: asSent(response.body),
      response,
      ...(response.contentType ? { contentType: response.contentType } : {}),
      ...(response.headers ? { headers: response.headers } : {}),
    };
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) throw error;
    return refusal(request.id, conflict('CONCURRENT_CHANGE', 'the record kept changing while this request was decided; retry'), decoded);
  }
};

export const auditedRequestOf = (request: FastifyRequest): AuditedRequest => ({
  id: request.id,
  address: request.ip,
  params: request.params,
  query: request.query,
  body: request.body,
});

/**
 * Sends an answer whose audit entry (if its route has one) is durable. If the entry cannot be
 * written, a read is refused with 503 (nothing is shown off the record); a change already made is
 * still answered, since the event log holds it with its actor, and a retry would make it twice.
 */
export const sendAudited = async (route: Route, trail: AuditTrail, request: FastifyRequest, reply: FastifyReply, answer: Answer) => {
  try {
    await trail.record(route, auditedRequestOf(request), answer);
  } catch (error) {
    request.log.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'audit entry not written');
    const changed = route.method !== 'GET' && answer.status < 400;
    if (!changed) {
      return reply.code(503).send(errorBody({ code: 'AUDIT_UNAVAILABLE', message: 'the access could not be recorded; retry' }, request.id));
    }
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
  if (answer.contentType) void reply.type(answer.contentType);
  return reply.code(answer.status).send(answer.body);
};

/** The request pipeline every route shares: decide the answer, record it, send it. */
export const routeHandler = (route: Route, gate: Gate, trail: AuditTrail) => {
  const headersOf = declaredHeaders(route.headers ?? []);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    // A fault throws: the error handler answers it, and records it.
    const answer = await answerTo(route, gate, request, headersOf);
    return sendAudited(route, trail, request, reply, answer);
  };
};
