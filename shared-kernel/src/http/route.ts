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
  /** The request's `Accept` header (empty when absent), for routes that answer more than JSON. */
  readonly accept: string;
  /** The request's client address (as the trusted proxy reported it). */
  readonly address: string;
  /** The headers the route declares (`RouteSpec.headers`), by lower-case name, as sent. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

/** A request header a route reads: documented, and checked against its pattern before the route runs. */
export interface HeaderSpec {
  /** Lower case, as HTTP/2 and Node give it: `idempotency-key`. */
  readonly name: string;
  readonly required: boolean;
  readonly pattern: string;
  readonly description: string;
}

export interface RouteResponse {
  readonly status?: number;
  readonly body: unknown;
  /** Served as this media type instead of JSON: the body is then the text, the bytes (a PDF's `Buffer`) or the stream to send as it is. */
  readonly contentType?: string;
  /** Headers to send with it (e.g. a `link` to the next page). */
  readonly headers?: Readonly<Record<string, string>>;
  /** For the audit entry: the log position each read model answering had applied. */
  readonly positions?: Readonly<Record<string, number>>;
  /** For the audit entry: each document shown, by id, at the stream version shown. */
  readonly versions?: Readonly<Record<string, number>>;
  /** For the audit entry: the SHA-256 (hex) of a body streamed from a file, known beforehand. */
  readonly digest?: string;
}

/** What an audit entry kept of a request: enough to answer it again as it was answered then. */
export interface RecordedRead {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly role: Role;
  readonly positions: Readonly<Record<string, number>>;
  readonly versions: Readonly<Record<string, number>>;
  /** When it was answered (the entry's time): for an answer that depends on the day (a course that has ended). */
  readonly at: string;
}

/**
 * How a route that reads or changes patient data is audited. Every route must say (see
 * `RouteSpec.audit`), so a new route cannot forget to.
 */
export interface RouteAudit {
  /** The kind of resource, as auditors filter it and FHIR AuditEvent names it: `Patient`, `Appointment`… */
  readonly resource: string;
  /** Patients an answer lists beyond the one in the path or body (a search: each one found). */
  readonly patientsIn?: (body: unknown) => readonly string[];
  /** Query parameters that never hold personal values, kept in the entry (`asOf`, `limit`…). */
  readonly keepQuery?: readonly string[];
  /**
   * The body this route answered to a recorded request, rebuilt from the event log alone (so a
   * rebuilt read model or a later change cannot alter it): what the auditor's `view` shows.
   */
  readonly reproduce?: (recorded: RecordedRead) => Promise<unknown>;
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
  readonly headers?: readonly HeaderSpec[];
  /** The patient a request concerns: a caller with the `patient` role may only reach their own. */
  readonly patientOf?: (input: { readonly params: P; readonly query: Q; readonly body: B }) => string | undefined;
  /** Status codes this route answers besides 400/401/403, for the API document. */
  readonly errors?: readonly number[];
  readonly successStatus?: number;
  /**
   * Every request to a route that reads or changes patient data, answered or refused, leaves one
   * audit entry; `'no-patient-data'` is the explicit statement that this route touches none.
   */
  readonly audit: RouteAudit | 'no-patient-data';
  /** Media types the success answer may take besides JSON (chosen by `Accept`), for the API document. */
  readonly produces?: readonly string[];
  readonly handle: (input: RouteInput<P, Q, B>) => Promise<Either<DomainError, RouteResponse>>;
}

export type Route = RouteSpec<unknown, unknown, unknown>;

export const defineRoute = <P = unknown, Q = unknown, B = unknown>(spec: RouteSpec<P, Q, B>): Route => spec as unknown as Route;
