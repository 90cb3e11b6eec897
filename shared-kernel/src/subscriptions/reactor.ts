import type { StoredEvent } from '../envelope.js';
import type { SubscriptionRecord, SubscriptionRequest } from './subscription-store.js';

/**
 * Anything that reacts to events: a read model, a policy, a saga, a scheduler's feed.
 * `handle` must be idempotent: after a crash it is called again with events it may have handled.
 */
export interface Reactor {
  /** Stable and unique: names its record and its queue on the bus (`projection.patient-list`). */
  readonly name: string;
  /** Routing patterns of the events it wants (`patients.*`); others pass by unseen. Default all. */
  readonly topics?: readonly string[];
  handle(events: readonly StoredEvent[]): Promise<void>;
  /** Requests other than replays (a projection adopting a rebuilt collection). */
  onRequest?(request: SubscriptionRequest, position: number): Promise<void>;
  /** Extra fields to keep in the record (where a projection writes). */
  describe?(): Pick<SubscriptionRecord, 'collection'>;
}

/**
 * Thrown by a handler that cannot act *yet* (what it needs has not caught up): the event is tried
 * again later, for as long as it takes, and never parked for it.
 */
export class NotYet extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotYet';
  }
}

/** A reactor that takes events one at a time (policies, sagas): a batch is handled in order. */
export const eachEvent = (name: string, topics: readonly string[], onEvent: (event: StoredEvent) => Promise<void>): Reactor => ({
  name,
  topics,
  handle: async (events) => {
    for (const event of events) await onEvent(event);
  },
});
