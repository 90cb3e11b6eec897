import esdb, {
  type AppendExpectedRevision,
  type EventStoreDBClient,
  type ReadPosition,
  type ResolvedEvent,
  type StreamSubscription,
} from '@eventstore/db-client';
import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '@hcms/shared-kernel';
import { AppendBell, followLog } from '../follow-log.js';
import { LogIdentity } from './log-identity.js';
import { isSystem, toStoredEvent } from './resolved-event.js';

const { EventStoreDBClient: Client, jsonEvent, START, END, FORWARDS, BACKWARDS, ANY, NO_STREAM, STREAM_EXISTS } = esdb;

const revisionOf = (expected: ExpectedVersion): AppendExpectedRevision =>
  expected === 'any'
    ? ANY
    : expected === 'no-stream' || expected === 0
      ? NO_STREAM
      : expected === 'stream-exists'
        ? STREAM_EXISTS
        : BigInt(expected - 1);

const positionAt = (position: number): ReadPosition => ({ commit: BigInt(position), prepare: BigInt(position) });

/**
 * The production event store: EventStoreDB (or KurrentDB) through its official gRPC client.
 * Followers read `$all` in pages; a live subscription from the end only tells them when to read again.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly bell = new AppendBell(1000);
  private doorbell?: StreamSubscription | ReturnType<EventStoreDBClient['subscribeToAll']>;
  private readonly identity: LogIdentity;
  private closed = false;

  private constructor(private readonly client: EventStoreDBClient) {
    this.identity = new LogIdentity(client, () => this.headPosition());
  }

  /** `esdb://host:2113?tls=false` and the other connection strings the client accepts. */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(Client.connectionString(connectionString));
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length > 0) await this.identity.ensure();
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: e.metadata as never })),
        { expectedRevision: revisionOf(expected) },
      );
      return { version: Number(result.nextExpectedRevision) + 1, position: Number(result.position?.commit ?? 0n) };
    } catch (error) {
      if (error instanceof esdb.WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) + 1 : 0;
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt((options.fromVersion ?? 1) - 1),
        direction: FORWARDS,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        const stored = toStoredEvent(resolved);
        if (stored) out.push(stored);
      }
    } catch (error) {
      if (error instanceof esdb.StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /** `$all` from a position is inclusive there, and may hold system events: page past both. */
  async readAll(options: ReadAllOptions): Promise<readonly StoredEvent[]> {
    let from: ReadPosition = options.after ? positionAt(options.after) : START;
    for (;;) {
      const page = this.client.readAll({ fromPosition: from, maxCount: options.maxCount + 1, direction: FORWARDS });
      const out: StoredEvent[] = [];
      let raw = 0;
      let last: ReadPosition | undefined;
      for await (const resolved of page) {
        raw++;
        const position = resolved.event?.position;
        if (position) last = position;
        const stored = toStoredEvent(resolved);
        if (stored && stored.position > (options.after ?? -1) && out.length < options.maxCount) out.push(stored);
      }
      if (out.length > 0 || raw <= options.maxCount || !last) return out;
      from = last;
    }
  }

  /**
   * The newest of our events, read backwards a page at a time, past system events. Each read is
   * drained to its end: a read stream left half-consumed keeps its call open, and closing the
   * client would then wait for it.
   */
  async headPosition(): Promise<number> {
    const PAGE = 20;
    let from: ReadPosition = END;
    for (;;) {
      const page: ResolvedEvent['event'][] = [];
      for await (const resolved of this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: PAGE })) {
        page.push(resolved.event);
      }
      const newest = page.find((e) => e && !isSystem(e.streamId, e.type));
      if (newest) return Number(newest.position?.commit ?? 0n);
      const oldest = page[page.length - 1]?.position;
      if (page.length < PAGE || !oldest) return 0;
      from = oldest;
    }
  }

  logId(): Promise<string | undefined> {
    return this.identity.current();
  }

  subscribeToAll(handler: (batch: readonly StoredEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    this.ringDoorbell();
    return followLog(this, handler, options, this.bell.signal);
  }

  private ringDoorbell(): void {
    if (this.doorbell) return;
    this.doorbell = this.client.subscribeToAll({ fromPosition: END });
    // Confirmation: from now on no append goes unheard, so have followers read once more.
    this.doorbell.on('confirmation', () => this.bell.ring());
    this.doorbell.on('data', () => this.bell.ring());
    this.doorbell.on('error', () => {
      this.doorbell = undefined; // followers fall back to polling until the next subscribe
    });
  }

  async close(): Promise<void> {
    if (this.closed) return; // closed already: through the shredding store above it, then itself
    this.closed = true;
    this.bell.ring();
    await this.doorbell?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }
}
