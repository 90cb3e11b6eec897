import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * A uuid, or a trace id of 16-64 hex digits (W3C traceparent's is 32): bounded, and opaque, so a
 * client cannot write words — a name, a date of birth — into every log line and event it causes.
 */
const WELL_FORMED_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,64})$/;

/**
 * Whether a client-sent id may stand in the legal record: request and correlation ids become
 * every event's causation and correlation ids, so only a bounded, well-formed token is taken.
 */
export const isWellFormedId = (value: unknown): value is string => typeof value === 'string' && WELL_FORMED_ID.test(value);

/** The client's `x-request-id` when well formed, otherwise a fresh uuid. */
export const requestIdOf = (request: Pick<IncomingMessage, 'headers'>): string => {
  const header = request.headers['x-request-id'];
  return isWellFormedId(header) ? header : randomUUID();
};
