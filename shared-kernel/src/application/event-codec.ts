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

/**
 * Each stored event decoded once per codec: the subscriptions of a process share one read of the
 * log (the same event objects), and every read model of an event would decode it again. Domain
 * events are immutable, so sharing one is safe.
 */
const decoded = new WeakMap<StoredEvent, Map<object, DomainEvent>>();

export const toDomainEvent = <E extends DomainEvent>(codec: EventCodec<E>, stored: StoredEvent): E => {
  const known = decoded.get(stored)?.get(codec);
  if (known) return known as E;
  const raw = { type: stored.type.slice(codec.context.length + 1), data: stored.data };
  const current = codec.upcast ? codec.upcast(raw, stored.metadata.schemaVersion) : raw;
  const event = decodeOrThrow(codec.codec, current, `event ${stored.type}#${stored.id}`);
  const byCodec = decoded.get(stored) ?? new Map<object, DomainEvent>();
  decoded.set(stored, byCodec.set(codec, event));
  return event;
};
