import type { StoredEvent } from '../envelope.js';
import type { EventStore } from '../ports/event-store.js';
import { topicMatches, type Consumer, type MessageBus } from '../ports/message-bus.js';
import { Doorbell } from './doorbell.js';
import {
  appliedPosition,
  type ParkedEvent,
  type SubscriptionRecord,
  type SubscriptionRequest,
  type SubscriptionStore,
} from './subscription-store.js';

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

export interface DurableSubscriptionDeps {
  readonly store: Pick<EventStore, 'readAll' | 'readStream'>;
  readonly bus: Pick<MessageBus, 'consume'>;
  readonly records: SubscriptionStore;
  readonly onError?: (error: unknown, context: { readonly subscription: string; readonly eventId?: string }) => void;
}

export interface DurableSubscriptionOptions {
  /** Attempts at one event before it is parked. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  /** Look at the log (and for requests) at least this often, even when the bus is silent. */
  readonly pollMs?: number;
  readonly batchSize?: number;
  /** How often operators' requests (replays, rebuilt collections) are looked for. */
  readonly requestsEveryMs?: number;
  /** The stored record trails the applied position by this much: one write covers many events. */
  readonly saveDelayMs?: number;
}

export type WaitOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'timeout' }
  /** The position asked for is at or beyond an event this subscription had to set aside. */
  | { readonly kind: 'parked'; readonly parked: ParkedEvent };

class Stopped extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one way the platform reacts to events. It reads the event store itself, from its own record,
 * in log order, so it never depends on what the bus delivered or when its queue was declared: the
 * bus only rings a doorbell to say there is more. An event whose handling keeps failing is parked
 * (recorded with its error) so the rest flow on; the applied position never passes a parked event,
 * and an operator's replay request hands it back to the handler.
 */
export class DurableSubscription {
  private record: SubscriptionRecord = { position: 0, parked: [], updatedAt: new Date(0).toISOString() };
  private readonly doorbell: Doorbell;
  private readonly waiters = new Set<{ readonly position: number; readonly settle: (outcome: WaitOutcome) => void }>();
  private consumer?: Consumer;
  private running?: Promise<void>;
  private stopped = false;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private failure: string | undefined;
  private lastRequestCheck = 0;
  private markCaughtUp: () => void = () => {};
  /** Resolves once everything that existed at start has been handled (or parked). */
  readonly caughtUp: Promise<void>;

  constructor(
    readonly reactor: Reactor,
    private readonly deps: DurableSubscriptionDeps,
    private readonly options: DurableSubscriptionOptions = {},
  ) {
    this.doorbell = new Doorbell(Math.min(options.pollMs ?? 1000, options.requestsEveryMs ?? 1000));
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  get name(): string {
    return this.reactor.name;
  }

  /** The last position whose effects are all in place: never past a parked event. */
  get applied(): number {
    return appliedPosition(this.record);
  }

  get status() {
    return { name: this.name, position: this.record.position, applied: this.applied, parked: this.record.parked, error: this.failure };
  }

  async start(): Promise<void> {
    this.record = (await this.deps.records.load(this.name)) ?? this.record;
    this.consumer = await this.deps.bus.consume(
      this.name,
      async () => this.doorbell.ring(),
      this.reactor.topics ? { topics: this.reactor.topics } : {},
    );
    this.running = this.run();
    await this.caughtUp;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.doorbell.ring();
    await this.consumer?.stop();
    await this.running;
    clearTimeout(this.saveTimer);
    await this.save();
    for (const waiter of this.waiters) waiter.settle({ kind: 'timeout' });
  }

  /** Settles once `position` is applied, at once if an event at or before it is parked. */
  waitFor(position: number, timeoutMs: number): Promise<WaitOutcome> {
    const now = this.outcomeFor(position);
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter = {
        position,
        settle: (outcome: WaitOutcome) => (clearTimeout(timer), this.waiters.delete(waiter), resolve(outcome)),
      };
      const timer = setTimeout(() => waiter.settle({ kind: 'timeout' }), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private outcomeFor(position: number): WaitOutcome | undefined {
    const parked = this.record.parked.find((p) => p.position <= position);
    if (parked) return { kind: 'parked', parked };
    return this.record.position >= position ? { kind: 'applied' } : undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const mark = this.doorbell.mark();
      try {
        if (Date.now() - this.lastRequestCheck >= (this.options.requestsEveryMs ?? 1000)) await this.takeRequestsIfReachable();
        const batch = await this.deps.store.readAll({ after: this.record.position, maxCount: this.options.batchSize ?? 500 });
        const last = batch[batch.length - 1];
        if (!last) {
          this.markCaughtUp();
          await this.doorbell.wait(mark);
          continue;
        }
        const topics = this.reactor.topics;
        const mine = topics ? batch.filter((e) => topics.some((t) => topicMatches(t, e.type))) : batch;
        if (mine.length > 0) await this.deliver(mine);
        this.advance({ position: last.position });
        [failures, this.failure] = [0, undefined];
      } catch (error) {
        if (error instanceof Stopped) break;
        this.failure = message(error);
        this.deps.onError?.(error, { subscription: this.name });
        await sleep(Math.min(5000, (this.options.retryDelayMs ?? 100) * 2 ** failures++));
      }
    }
  }

  /** The batch at once; if that fails, one by one, so one bad event cannot hold back the rest. */
  private async deliver(events: readonly StoredEvent[]): Promise<void> {
    try {
      return await this.reactor.handle(events);
    } catch {
      if (this.stopped) throw new Stopped();
    }
    for (const event of events) {
      const error = await this.attempt(event);
      if (error !== undefined) this.park(event, error);
    }
  }

  /** Retries with backoff; the last error when every attempt failed. */
  private async attempt(event: StoredEvent): Promise<string | undefined> {
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.reactor.handle([event]);
        return undefined;
      } catch (error) {
        if (this.stopped) throw new Stopped();
        this.deps.onError?.(error, { subscription: this.name, eventId: event.id });
        if (attempt >= attempts) return `${message(error)} (after ${attempt} attempts)`;
        await sleep((this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1));
      }
    }
  }

  private park(event: StoredEvent, error: string): void {
    const { id: eventId, type, streamId, version, position } = event;
    const attempts = this.options.maxAttempts ?? 5;
    const parked: ParkedEvent = { eventId, type, streamId, version, position, error, attempts, parkedAt: new Date().toISOString() };
    this.advance({ parked: [...this.record.parked.filter((p) => p.eventId !== eventId), parked].sort((a, b) => a.position - b.position) });
  }

  private advance(change: Partial<Pick<SubscriptionRecord, 'position' | 'parked'>>): void {
    this.record = { ...this.record, ...change, ...this.reactor.describe?.(), updatedAt: new Date().toISOString() };
    this.dirty = true;
    for (const waiter of this.waiters) {
      const outcome = this.outcomeFor(waiter.position);
      if (outcome) waiter.settle(outcome);
    }
    if (!this.saveTimer) this.saveTimer = setTimeout(() => void this.save(), this.options.saveDelayMs ?? 10);
  }

  /** Saves are serialised and a failed one is retried by the next: progress is never lost in memory. */
  private save(): Promise<void> {
    this.saveTimer = undefined;
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.deps.records.save(this.name, this.record);
      } catch (error) {
        this.dirty = true;
        this.deps.onError?.(error, { subscription: this.name });
        if (!this.stopped && !this.saveTimer) this.saveTimer = setTimeout(() => void this.save(), 1000);
      }
    });
    return this.saving;
  }

  /** Requests wait for a reachable record store; the log goes on being handled meanwhile. */
  private async takeRequestsIfReachable(): Promise<void> {
    try {
      await this.takeRequests();
    } catch (error) {
      if (error instanceof Stopped) throw error;
      this.deps.onError?.(error, { subscription: this.name });
    }
  }

  private async takeRequests(): Promise<void> {
    this.lastRequestCheck = Date.now();
    for (const request of await this.deps.records.requests(this.name)) {
      if (request.kind === 'replay') await this.replay(request.eventId);
      else await this.reactor.onRequest?.(request, this.record.position);
      // What the request changed is on record before the request is marked done.
      this.advance({});
      clearTimeout(this.saveTimer);
      await this.save();
      if (this.dirty) throw new Error(`could not record request ${request.id}; it will be taken again`);
      await this.deps.records.complete(this.name, request.id);
    }
  }

  /** Parked events back to the handler, oldest first; one that fails again stays parked, with its new error. */
  private async replay(eventId: string | undefined): Promise<void> {
    for (const parked of this.record.parked.filter((p) => eventId === undefined || p.eventId === eventId)) {
      const [event] = await this.deps.store.readStream(parked.streamId, { fromVersion: parked.version, maxCount: 1 });
      const error = event?.id === parked.eventId ? await this.attempt(event) : 'the event is no longer in the store';
      if (error === undefined) this.advance({ parked: this.record.parked.filter((p) => p.eventId !== parked.eventId) });
      else if (event) this.park(event, error);
    }
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
