import { randomUUID } from 'node:crypto';
import esdb, { type EventStoreDBClient } from '@eventstore/db-client';

const { jsonEvent, NO_STREAM, START, FORWARDS } = esdb;

/** The stream whose first event names the log. */
export const LOG_STREAM = 'hcms-log';
/** A `$` type: readers of `$all` pass it by as a system event, so it is never published or projected. */
export const LOG_STARTED = '$hcms-log-started';

/**
 * The log's id on EventStoreDB: written to its own stream before the log's first event, with
 * expected no-stream, so of two processes claiming it at once one wins and the other reads the
 * winner's id back.
 */
export class LogIdentity {
  private known: string | undefined;
  private claiming: Promise<string> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly headPosition: () => Promise<number>,
  ) {}

  async current(): Promise<string | undefined> {
    this.known ??= await this.read();
    if (this.known) return this.known;
    // A log written before logs had ids gets one now: a log with events always has its id.
    return (await this.headPosition()) > 0 ? this.claim() : undefined;
  }

  /** Before an append: the log has its id before it has an event. */
  async ensure(): Promise<void> {
    if (!this.known) await this.claim();
  }

  private claim(): Promise<string> {
    this.claiming ??= this.claimOnce().finally(() => (this.claiming = undefined));
    return this.claiming;
  }

  private async claimOnce(): Promise<string> {
    if (!(await this.read())) {
      try {
        const started = jsonEvent({ type: LOG_STARTED, data: { id: randomUUID(), startedAt: new Date().toISOString() } });
        await this.client.appendToStream(LOG_STREAM, started, { expectedRevision: NO_STREAM });
      } catch (error) {
        // Another process claimed it first: its id is the log's.
        if (!(error instanceof esdb.WrongExpectedVersionError)) throw error;
      }
    }
    this.known = await this.read();
    if (!this.known) throw new Error(`the log's id is not in ${LOG_STREAM} after claiming it`);
    return this.known;
  }

  /** Read to the end even for one event: a half-consumed read keeps its call open. */
  private async read(): Promise<string | undefined> {
    const ids: unknown[] = [];
    try {
      for await (const resolved of this.client.readStream(LOG_STREAM, { fromRevision: START, direction: FORWARDS, maxCount: 1 })) {
        const data = resolved.event?.data as { id?: unknown } | undefined;
        ids.push(data?.id);
      }
    } catch (error) {
      if (error instanceof esdb.StreamNotFoundError) return undefined;
      throw error;
    }
    const [id] = ids;
    return typeof id === 'string' ? id : undefined;
  }
}
