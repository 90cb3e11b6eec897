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
  /**
   * The record was of another log (a fresh or restored event store, another environment): the
   * subscription starts over at the beginning of this log, with nothing parked. Effects of the old
   * log must be set aside now — a projection starts on a fresh collection — or this log's events
   * would be judged against the old log's stream versions. Called before the new start is recorded;
   * throwing fails the subscription's start, and the next start asks again.
   */
  onNewLog?(change: LogChange): Promise<void>;
  /** Extra fields to keep in the record (where a projection writes). */
  describe?(): Pick<SubscriptionRecord, 'collection'>;
}

/** The log a record was of, and the log the subscription reads now (undefined: an empty log). */
export interface LogChange {
  readonly recorded: string | undefined;
  readonly current: string | undefined;
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
