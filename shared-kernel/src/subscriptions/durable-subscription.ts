import { backoffDelay, Pauses } from '../backoff.js';
import type { StoredEvent } from '../envelope.js';
import type { EventStore } from '../ports/event-store.js';
import { topicMatches, type Consumer, type MessageBus } from '../ports/message-bus.js';
import { Doorbell } from './doorbell.js';
import { learnLog, settleLog } from './log-check.js';
import { PositionWaiters, type Blocks, type WaitOutcome } from './position-waiters.js';
import { NotYet, type Reactor } from './reactor.js';
import { RecordKeeper } from './record-keeper.js';
import { appliedPosition, type ParkedEvent, type SubscriptionRecord, type SubscriptionStore } from './subscription-store.js';

export interface DurableSubscriptionDeps {
  readonly store: Pick<EventStore, 'readAll' | 'readStream' | 'logId' | 'headPosition'>;
  readonly bus: Pick<MessageBus, 'doorbell'>;
  readonly records: SubscriptionStore;
  readonly onError?: (error: unknown, context: { readonly subscription: string; readonly eventId?: string }) => void;
  /** Told what an operator must know that is no failure (a record of another log set aside); default `onError`. */
  readonly onWarning?: (message: string, context: { readonly subscription: string } & Record<string, unknown>) => void;
  /** Told each time the record moves in memory, before it is saved (a projector announces its progress). */
  readonly onMoved?: () => void;
}

export interface DurableSubscriptionOptions {
  /** Attempts at one event before it is parked. */
  readonly maxAttempts?: number;
  /**
   * Events parked one after another before the subscription takes it for an outage rather than
   * bad events: it then stops parking and retries the event in hand until it goes through.
   */
  readonly maxConsecutiveParked?: number;
  readonly retryDelayMs?: number;
  /** Look at the log (and for requests) at least this often, even when the bus is silent. */
  readonly pollMs?: number;
  readonly batchSize?: number;
  /** How often operators' requests (replays, rebuilt collections) are looked for. */
  readonly requestsEveryMs?: number;
  /** The stored record trails the applied position by this much: one write covers many events. */
  readonly saveDelayMs?: number;
  /**
   * At the head, batches begin at most this often: woken less than this after the last one began, a
   * subscription waits out the rest, so a burst is handled as one batch (one read and one write per
   * document instead of one per event), while an event after a quiet spell is handled at once.
   */
  readonly lingerMs?: number;
}

const DEFAULTS: Required<DurableSubscriptionOptions> = {
  maxAttempts: 5,
  maxConsecutiveParked: 20,
  retryDelayMs: 100,
  pollMs: 1000,
  batchSize: 500,
  requestsEveryMs: 1000,
  // Each save is a write to the read store: in the production stack, every subscription saving
  // every 10 ms was most of the read store's load. Projectors save less often still, since readers
  // in other processes hear their progress announced (ADR 011).
  saveDelayMs: 50,
  lingerMs: 0,
};

class Stopped extends Error {}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one way the platform reacts to events. It reads the event store itself, from its own record,
 * in log order, so it never depends on what the bus delivered or when its queue was declared: the
 * bus only rings a doorbell to say there is more. An event whose handling keeps failing is parked
 * (recorded with its error) so the rest flow on; the applied position never passes a parked event,
 * and an operator's replay request hands it back to the handler. The record names the log its
 * position counts in: a record of another log is never mixed with this one, it starts over.
 */
export class DurableSubscription {
  private readonly keeper: RecordKeeper;
  private readonly waiters: PositionWaiters;
  private readonly doorbell: Doorbell;
  private consecutiveParked = 0;
  private consumer?: Consumer;
  private running?: Promise<void>;
  private stopped = false;
  private failure: string | undefined;
  private lastRequestCheck = 0;
  private lastBatchAt = -Infinity;
  /** Backoff and linger sleeps, cut short by a stop. */
  private readonly pauses = new Pauses();
  private markCaughtUp: () => void = () => {};
  private readonly settings: Required<DurableSubscriptionOptions>;
  /** Resolves once everything that existed at start has been handled (or parked). */
  readonly caughtUp: Promise<void>;

  constructor(
    readonly reactor: Reactor,
    private readonly deps: DurableSubscriptionDeps,
    options: DurableSubscriptionOptions = {},
  ) {
    // An option given as undefined keeps its default (a spread would let it erase it).
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.settings = { ...DEFAULTS, ...given };
    const onError = (error: unknown) => deps.onError?.(error, { subscription: reactor.name });
    this.keeper = new RecordKeeper(reactor.name, deps.records, onError, this.settings.saveDelayMs);
    this.waiters = new PositionWaiters(() => this.keeper.record);
    this.doorbell = new Doorbell(Math.min(this.settings.pollMs, this.settings.requestsEveryMs));
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  get name(): string {
    return this.reactor.name;
  }

  private get record(): SubscriptionRecord {
    return this.keeper.record;
  }

  /** The last position whose effects are all in place: never past a parked event. */
  get applied(): number {
    return appliedPosition(this.record);
  }

  get status() {
    return { name: this.name, position: this.record.position, applied: this.applied, parked: this.record.parked, error: this.failure };
  }

  /**
   * Resolves once caught up with the log as it was, unless `untilCaughtUp` is false: a projector
   * must answer its health check while a long catch-up runs (its lag is in `status`).
   */
  async start({ untilCaughtUp = true }: { readonly untilCaughtUp?: boolean } = {}): Promise<void> {
    await this.keeper.load();
    await settleLog(this.keeper, this.reactor, this.deps.store, (warning, change) => {
      const context = { subscription: this.name, ...change };
      if (this.deps.onWarning) this.deps.onWarning(warning, context);
      else this.deps.onError?.(new Error(warning), context);
    });
    // A record set aside for another log moved the read model elsewhere: readers hear it now.
    this.deps.onMoved?.();
    this.consumer = await this.deps.bus.doorbell(this.name, this.reactor.topics ?? ['#'], () => this.doorbell.ring());
    this.running = this.run();
    if (untilCaughtUp) await this.caughtUp;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pauses.wakeAll();
    this.doorbell.ring();
    await this.consumer?.stop();
    await this.running;
    await this.keeper.close();
    this.waiters.giveUp();
  }

  /**
   * Settles once `position` is applied, at once if an event at or before it is parked. `blocks`
   * narrows which parked events matter (a policy about one patient needs only that patient's).
   */
  waitFor(position: number, timeoutMs: number, blocks?: Blocks): Promise<WaitOutcome> {
    return this.waiters.wait(position, timeoutMs, blocks);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const mark = this.doorbell.mark();
      try {
        if (Date.now() - this.lastRequestCheck >= this.settings.requestsEveryMs) await this.takeRequests();
        const lingerMs = this.lastBatchAt + this.settings.lingerMs - performance.now();
        if (lingerMs > 0) await this.pauses.sleep(lingerMs);
        if (this.stopped) break;
        const batch = await this.deps.store.readAll({ after: this.record.position, maxCount: this.settings.batchSize });
        const last = batch[batch.length - 1];
        if (!last) {
          this.markCaughtUp();
          await this.doorbell.wait(mark);
          continue;
        }
        // Only at the head: a catch-up reads its full batches back to back.
        this.lastBatchAt = batch.length < this.settings.batchSize ? performance.now() : -Infinity;
        if (this.record.logId === undefined) await learnLog(this.keeper, this.deps.store);
        const topics = this.reactor.topics;
        const mine = topics ? batch.filter((e) => topics.some((t) => topicMatches(t, e.type))) : batch;
        if (mine.length > 0) await this.deliver(mine);
        this.advance({ position: last.position });
        [failures, this.failure] = [0, undefined];
      } catch (error) {
        if (error instanceof Stopped) break;
        this.failure = message(error);
        this.deps.onError?.(error, { subscription: this.name });
        await this.pauses.sleep(this.backoff(failures++));
      }
    }
  }

  /**
   * The batch at once; if that fails, one by one, so one bad event cannot hold back the rest. An
   * event of a stream with a parked event is parked behind it unhandled: a stream's events are
   * handled in order, also when they are replayed.
   */
  private async deliver(events: readonly StoredEvent[]): Promise<void> {
    const held = (e: StoredEvent) => this.record.parked.some((p) => p.streamId === e.streamId);
    if (!events.some(held)) {
      try {
        await this.reactor.handle(events);
        this.consecutiveParked = 0;
        return;
      } catch {
        if (this.stopped) throw new Stopped();
      }
    }
    for (const event of events) {
      if (held(event)) {
        this.park(event, 'waits for an earlier event of its stream, parked before it', 0);
        continue;
      }
      const outage = this.consecutiveParked >= this.settings.maxConsecutiveParked;
      const error = await this.attempt(event, outage);
      if (error === undefined) this.consecutiveParked = 0;
      else this.park(event, error, this.settings.maxAttempts);
    }
  }

  /**
   * Retries with backoff; the last error when every attempt failed. `NotYet`, or any error during
   * an outage, is retried for as long as it takes and never counted.
   */
  private async attempt(event: StoredEvent, outage = false): Promise<string | undefined> {
    const attempts = this.settings.maxAttempts;
    for (let attempt = 1, waits = 0; ;) {
      try {
        await this.reactor.handle([event]);
        this.failure = undefined;
        return undefined;
      } catch (error) {
        if (this.stopped) throw new Stopped();
        this.deps.onError?.(error, { subscription: this.name, eventId: event.id });
        if (outage || error instanceof NotYet) {
          this.failure = message(error);
          await this.pauses.sleep(this.backoff(waits++));
          continue;
        }
        if (attempt >= attempts) return `${message(error)} (after ${attempt} attempts)`;
        await this.pauses.sleep(this.backoff(attempt++ - 1));
      }
    }
  }

  private backoff(failures: number): number {
    return backoffDelay(failures + 1, { initialMs: this.settings.retryDelayMs });
  }

  private park(event: StoredEvent, error: string, attempts: number): void {
    const { id: eventId, type, streamId, version, position } = event;
    const patientId = event.metadata.patientId;
    const parked: ParkedEvent = {
      eventId,
      type,
      streamId,
      version,
      position,
      ...(patientId === undefined ? {} : { patientId }),
      error,
      attempts,
      parkedAt: new Date().toISOString(),
    };
    if (attempts > 0) this.consecutiveParked++;
    this.advance({ parked: [...this.record.parked.filter((p) => p.eventId !== eventId), parked].sort((a, b) => a.position - b.position) });
  }

  private advance(change: Partial<Pick<SubscriptionRecord, 'position' | 'parked'>>): void {
    this.keeper.change({ ...change, ...this.reactor.describe?.() });
    this.waiters.moved();
    this.deps.onMoved?.();
  }

  /**
   * Each request on its own: one that fails stays for the next look, and the others go on. Requests
   * wait for a reachable record store; the log goes on being handled meanwhile.
   */
  private async takeRequests(): Promise<void> {
    this.lastRequestCheck = Date.now();
    const requests = await this.deps.records.requests(this.name).catch((error: unknown) => {
      this.deps.onError?.(error, { subscription: this.name });
      return [];
    });
    for (const request of requests) {
      try {
        if (request.kind === 'replay') await this.replay(request.eventId);
        else await this.reactor.onRequest?.(request, this.record.position);
        // What the request changed is on record before the request is marked done.
        this.advance({});
        if (!(await this.keeper.flush())) throw new Error(`could not record request ${request.id}; it will be taken again`);
        await this.deps.records.complete(this.name, request.id);
      } catch (error) {
        if (error instanceof Stopped) throw error;
        this.deps.onError?.(error, { subscription: this.name });
      }
    }
  }

  /**
   * Parked events back to the handler, oldest first, each only once nothing parked before it in its
   * stream remains; one that fails again stays parked, with its new error.
   */
  private async replay(eventId: string | undefined): Promise<void> {
    for (const parked of this.record.parked.filter((p) => eventId === undefined || p.eventId === eventId)) {
      const earlier = this.record.parked.some((p) => p.streamId === parked.streamId && p.position < parked.position);
      if (earlier) continue;
      const [event] = await this.deps.store.readStream(parked.streamId, { fromVersion: parked.version, maxCount: 1 });
      const error = event?.id === parked.eventId ? await this.attempt(event) : 'the event is no longer in the store';
      if (error === undefined) this.advance({ parked: this.record.parked.filter((p) => p.eventId !== parked.eventId) });
      else if (event) this.park(event, error, this.settings.maxAttempts);
    }
  }
}
