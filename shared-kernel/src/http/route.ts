import type * as t from 'io-ts';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Actor, Role } from '../actor.js';
import type { DomainError } from '../errors.js';

/**
 * A framework-free HTTP route: contexts and read models describe their API with these,
 * the HTTP host (Fastify) validates, authorises, documents and serves them.
 */
export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: Actor;
  readonly requestId: string;
  readonly correlationId: string;
}

export interface RouteResponse {
  readonly status?: number;
  readonly body: unknown;
}

export interface RouteSpec<P, Q, B> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify syntax: `/patients/:patientId`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Roles allowed to call it; anyone else gets 403. */
  readonly roles: readonly Role[];
  readonly params?: t.Type<P, unknown, unknown>;
  readonly query?: t.Type<Q, unknown, unknown>;
  readonly body?: t.Type<B, unknown, unknown>;
  /** The patient a request concerns: a caller with the `patient` role may only reach their own. */
  readonly patientOf?: (input: { readonly params: P; readonly query: Q; readonly body: B }) => string | undefined;
  /** Status codes this route answers besides 400/401/403, for the API document. */
  readonly errors?: readonly number[];
  readonly successStatus?: number;
  readonly handle: (input: RouteInput<P, Q, B>) => Promise<Either<DomainError, RouteResponse>>;
}

export type Route = RouteSpec<unknown, unknown, unknown>;

export const defineRoute = <P = unknown, Q = unknown, B = unknown>(spec: RouteSpec<P, Q, B>): Route => spec as unknown as Route;
