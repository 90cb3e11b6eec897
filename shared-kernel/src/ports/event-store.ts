import type { NewEvent, StoredEvent } from '../envelope.js';

/**
 * What the writer believes the stream's current version is.
 * Versions are 1-based: the first event of a stream has version 1.
 */
export type ExpectedVersion = 'any' | 'no-stream' | 'stream-exists' | number;

export interface AppendResult {
  /** The stream's version after the append: the version of its last event. */
  readonly version: number;
  /** The global position of the last appended event. */
  readonly position: number;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 1. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this position; omit to start at the beginning. */
  readonly after?: number;
  readonly maxCount: number;
}

export interface Subscription {
  /** Resolves once the subscriber has processed everything that existed when it started. */
  readonly caughtUp: Promise<void>;
  /** Stops delivering; resolves when the batch in flight (if any) has been handled. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  readonly after?: number;
  /** Upper bound of a batch handed to the handler. */
  readonly batchSize?: number;
  /** Told when the handler throws; the subscription then stops. */
  readonly onError?: (error: unknown) => void;
}

/** The append-only log of every fact, per stream and globally ordered. */
export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Events of a stream in version order; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly StoredEvent[]>;
  /** The global log in position order. */
  readAll(options: ReadAllOptions): Promise<readonly StoredEvent[]>;
  /** Catch up from a checkpoint, then follow new events live, one batch at a time, in order. */
  subscribeToAll(handler: (batch: readonly StoredEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription;
  /** Position of the newest event, 0 for an empty store. */
  headPosition(): Promise<number>;
  /**
   * The log's identity (its epoch): a UUID it gets at its first append and keeps for life, so
   * positions, checkpoints and bus messages can say which log they count in. Another log, even
   * one whose positions look alike (a fresh store, another environment), has another id.
   * Undefined while the log is empty.
   */
  logId(): Promise<string | undefined>;
  close(): Promise<void>;
}
