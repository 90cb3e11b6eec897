import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Short enough to log and index, plain enough that no client text can smuggle anything in. */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{1,64}$/;

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
