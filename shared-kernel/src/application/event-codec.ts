import type * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import type { StoredEvent } from '../envelope.js';
import { decodeOrThrow } from '../validation/decode.js';

/**
 * How one context's events are named and read back: `patients.PatientRegistered` on the wire,
 * `{ type: 'PatientRegistered', data }` in the domain. `upcast` turns older shapes into the
 * current one on read; stored events are never rewritten.
 */
export interface EventCodec<E extends DomainEvent> {
  readonly context: string;
  readonly codec: t.Type<E, unknown, unknown>;
  readonly schemaVersion: number;
  readonly upcast?: (event: DomainEvent<string, unknown>, schemaVersion: number) => DomainEvent<string, unknown>;
}

export const wireType = (codec: { readonly context: string }, type: string): string => `${codec.context}.${type}`;

export const toDomainEvent = <E extends DomainEvent>(codec: EventCodec<E>, stored: StoredEvent): E => {
  const raw = { type: stored.type.slice(codec.context.length + 1), data: stored.data };
  const current = codec.upcast ? codec.upcast(raw, stored.metadata.schemaVersion) : raw;
  return decodeOrThrow(codec.codec, current, `event ${stored.type}#${stored.id}`);
};
