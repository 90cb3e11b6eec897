import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  WrongExpectedVersionError,
  type AppendResult,
  type Clock,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '@hcms/shared-kernel';
import { COLUMNS, EVENTS_SCHEMA, toStoredEvent, type EventRow } from './event-rows.js';
import { GroupCommit } from './group-commit.js';
import { AppendBell, followLog } from '../follow-log.js';

/** Followers of a watched file go back to their idle poll after this long without a write by anyone. */
const WRITERS_QUIET_MS = 1000;

interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
}

export const versionMatches = (expected: ExpectedVersion, current: number): boolean =>
  expected === 'any' ||
  (expected === 'no-stream' && current === 0) ||
  (expected === 'stream-exists' && current > 0) ||
  expected === current;

/**
 * The embedded event store: one SQLite file, global order by rowid, (stream, version) unique.
 * Other processes may append to the same file; followers poll for their events.
 * The log's id is claimed in the transaction of its first append: whichever process commits first
 * writes it, every other one finds it there, and no event is ever on file without it.
 */
export class SqliteEventStore implements EventStore {
  private readonly bell: AppendBell;
  private readonly groupCommit: GroupCommit<AppendRequest, AppendResult>;
  private readonly stmt;
  /** Once known it never changes: the file's log keeps its id for life. */
  private knownLogId: string | undefined;
  private watcher: FSWatcher | undefined;
  /** Told the log is being written (heard, or found by a poll): followers keep their usual poll a while. */
  private writing: (() => void) | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    pollIntervalMs = 100,
  ) {
    this.bell = new AppendBell(pollIntervalMs);
    db.exec(EVENTS_SCHEMA);
    this.stmt = {
      version: db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM events WHERE stream_id = ?'),
      insert: db.prepare('INSERT INTO events (id, stream_id, version, type, recorded_at, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      stream: db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?`,
        )
        .raw(true),
      all: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      head: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
      logId: db.prepare<[], { id: string }>('SELECT id FROM log_identity'),
      claimLog: db.prepare('INSERT OR IGNORE INTO log_identity (only, id, started_at) VALUES (1, ?, ?)'),
      hasEvents: db.prepare<[], { n: number }>('SELECT 1 AS n FROM events LIMIT 1'),
    };
    // A file written before logs had ids gets one now: a log with events always has its id.
    if (!this.stmt.logId.get() && this.stmt.hasEvents.get()) this.stmt.claimLog.run(randomUUID(), this.clock.now().toISOString());
    /** In the appending transaction, while this instance has not seen the id: a no-op once someone claimed it. */
    const claimLog = (outcomes: readonly (AppendResult | Error)[], recordedAt: string) => {
      if (this.knownLogId === undefined && outcomes.some((o) => !(o instanceof Error))) this.stmt.claimLog.run(randomUUID(), recordedAt);
      return outcomes;
    };
    const appendOne = (req: AppendRequest, recordedAt: string, versions: Map<string, number>): AppendResult => {
      const current = versions.get(req.streamId) ?? this.stmt.version.get(req.streamId)?.v ?? 0;
      if (!versionMatches(req.expected, current)) throw new WrongExpectedVersionError(req.streamId, req.expected, current);
      let version = current;
      let position = 0;
      let metadataJson = '';
      let metadataOf: unknown;
      for (const e of req.events) {
        version += 1;
        // A command's events share one metadata object: serialise it once.
        if (e.metadata !== metadataOf) [metadataOf, metadataJson] = [e.metadata, JSON.stringify(e.metadata)];
        const info = this.stmt.insert.run(e.id, req.streamId, version, e.type, recordedAt, JSON.stringify(e.data), metadataJson);
        position = Number(info.lastInsertRowid);
      }
      versions.set(req.streamId, version);
      return { version, position };
    };
    const outcome = (run: () => AppendResult): AppendResult | Error => {
      try {
        return run();
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    };
    // Fast path: version checks happen before any insert, so a refused request writes nothing.
    const commitBatch = db.transaction((requests: readonly AppendRequest[], recordedAt: string) => {
      const versions = new Map<string, number>();
      const outcomes = requests.map((req) => {
        const result = outcome(() => appendOne(req, recordedAt, versions));
        if (result instanceof Error && !(result instanceof WrongExpectedVersionError)) throw result;
        return result;
      });
      return claimLog(outcomes, recordedAt);
    });
    // Slow path, after a constraint failure mid-insert (a reused event id): each request in its
    // own savepoint, so only the faulty one fails.
    const appendInSavepoint = db.transaction(appendOne);
    const commitIsolated = db.transaction((requests: readonly AppendRequest[], recordedAt: string) => {
      const versions = new Map<string, number>();
      return claimLog(
        requests.map((req) => outcome(() => appendInSavepoint(req, recordedAt, versions))),
        recordedAt,
      );
    });
    this.groupCommit = new GroupCommit((requests) => {
      const recordedAt = this.clock.now().toISOString();
      let outcomes: readonly (AppendResult | Error)[];
      try {
        outcomes = commitBatch.immediate(requests, recordedAt);
      } catch {
        outcomes = commitIsolated.immediate(requests, recordedAt);
      }
      this.knownLogId ??= this.stmt.logId.get()?.id;
      this.bell.ring();
      return outcomes;
    });
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) {
      const current = this.stmt.version.get(streamId)?.v ?? 0;
      if (!versionMatches(expected, current)) throw new WrongExpectedVersionError(streamId, expected, current);
      return { version: current, position: 0 };
    }
    return this.groupCommit.submit({ streamId, events, expected });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    return this.stmt.stream.all(streamId, options.fromVersion ?? 1, options.maxCount ?? -1).map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions): Promise<readonly StoredEvent[]> {
    return this.stmt.all.all(options.after ?? 0, options.maxCount).map(toStoredEvent);
  }

  async headPosition(): Promise<number> {
    return this.stmt.head.get()?.p ?? 0;
  }

  async logId(): Promise<string | undefined> {
    this.knownLogId ??= this.stmt.logId.get()?.id;
    return this.knownLogId;
  }

  subscribeToAll(handler: (batch: readonly StoredEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    // A poll that found events proves the log is being written, whether or not the watch said so.
    return followLog(this, (batch) => (this.writing?.(), handler(batch)), options, this.bell.signal);
  }

  /**
   * Followers hear that other processes sharing the file are appending as soon as they write its
   * write-ahead log, and poll every `idlePollMs` only while nobody has for a second. The write comes
   * before its commit is visible (the fsync and the index update follow it), so a ring may find
   * nothing yet: while the log is being written they keep their usual, shorter poll.
   */
  hearOtherWriters(idlePollMs: number): void {
    if (this.db.memory || this.watcher) return;
    const wal = `${basename(this.db.name)}-wal`;
    const activePollMs = this.bell.pollMs;
    const idle = Math.max(activePollMs, idlePollMs);
    const quiet = setTimeout(() => (this.bell.pollMs = idle), WRITERS_QUIET_MS).unref();
    // Without a watch (it failed, or was closed) the usual poll stays: idle polling needs one.
    const unwatched = () => {
      this.writing = undefined;
      clearTimeout(quiet);
      this.bell.pollMs = activePollMs;
    };
    this.writing = () => {
      this.bell.pollMs = activePollMs;
      quiet.refresh();
    };
    try {
      this.watcher = watch(dirname(this.db.name), { persistent: false }, (_change, file) => {
        if (file !== wal) return;
        this.writing?.();
        this.bell.ring();
      });
    } catch {
      return unwatched(); // no watch to be had (inotify's limit reached): polling it is
    }
    this.watcher.on('error', () => (unwatched(), this.watcher?.close()));
    this.watcher.on('close', unwatched);
    this.bell.pollMs = idle;
  }

  async close(): Promise<void> {
    if (!this.db.open) return; // closed already: through the shredding store above it, then itself
    this.watcher?.close();
    this.bell.ring();
    this.db.close();
  }
}
