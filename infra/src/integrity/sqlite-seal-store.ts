import { appendOnly } from '../event-store/sqlite/append-only.js';
import { openDatabase, type SqliteDatabase } from '../event-store/sqlite/sqlite-database.js';

/** The logs the platform seals: the event log and the audit log, each its own tree. */
export const SEALED_LOGS = ['events', 'audit'] as const;
export type SealedLog = (typeof SEALED_LOGS)[number];

/** One entry of a log as sealed: its leaf index in the tree, where it sits in its log, its leaf hash. */
export interface SealedLeaf {
  readonly index: number;
  /** The event's global position, or the audit entry's sequence number. */
  readonly position: number;
  readonly hash: Buffer;
}

export interface StoredCheckpoint {
  readonly size: number;
  readonly signedAt: string;
  /** The signed note, as served and exported. */
  readonly note: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS seal_logs (
    log TEXT PRIMARY KEY,
    identity TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS seal_leaves (
    log TEXT NOT NULL,
    leaf_index INTEGER NOT NULL,
    position INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (log, leaf_index)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX IF NOT EXISTS seal_leaves_by_position ON seal_leaves (log, position);
  CREATE TABLE IF NOT EXISTS seal_checkpoints (
    log TEXT NOT NULL,
    size INTEGER NOT NULL,
    signed_at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (log, size)
  ) WITHOUT ROWID;
  ${appendOnly('seal_logs', 'the seal')}
  ${appendOnly('seal_leaves', 'the seal')}
  ${appendOnly('seal_checkpoints', 'the seal')}`;

/**
 * The seal in a SQLite file of its own: each log's leaf hashes (so proofs need not read the log
 * again) and the checkpoints signed over them. Everything here can be computed again from the
 * logs, so commits need not fsync: after a power loss the sealer seals the lost tail again, to the
 * same hashes, and signs the same roots.
 */
export class SqliteSealStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static open(path: string): SqliteSealStore {
    const db = openDatabase(path, 'normal');
    db.exec(SCHEMA);
    return new SqliteSealStore(db);
  }

  /** The identity of the log sealed under `log` (the event log's id), recorded by its first leaf. */
  identity(log: SealedLog): string | undefined {
    return this.db.prepare<[string], { identity: string }>('SELECT identity FROM seal_logs WHERE log = ?').get(log)?.identity;
  }

  /** Every leaf of a log in order, read in pages so a long log never sits in memory as rows. */
  *leaves(log: SealedLog, from = 0, to = Number.MAX_SAFE_INTEGER): Generator<SealedLeaf> {
    const page = this.db.prepare<[string, number, number], { leaf_index: number; position: number; hash: Buffer }>(
      'SELECT leaf_index, position, hash FROM seal_leaves WHERE log = ? AND leaf_index >= ? ORDER BY leaf_index LIMIT ?',
    );
    for (let next = from; next < to;) {
      const rows = page.all(log, next, Math.min(10_000, to - next));
      for (const row of rows) yield { index: row.leaf_index, position: row.position, hash: row.hash };
      if (rows.length < 10_000) return;
      next = (rows.at(-1)?.leaf_index ?? next) + 1;
    }
  }

  /** The leaf of the entry at `position` of a log, if sealed. */
  leafAt(log: SealedLog, position: number): SealedLeaf | undefined {
    const row = this.db
      .prepare<[string, number], { leaf_index: number; hash: Buffer }>(
        'SELECT leaf_index, hash FROM seal_leaves WHERE log = ? AND position = ?',
      )
      .get(log, position);
    return row && { index: row.leaf_index, position, hash: row.hash };
  }

  /** Appends leaves, in one transaction; the first of a log records the identity it seals. */
  append(log: SealedLog, identity: string, leaves: readonly SealedLeaf[]): void {
    const insert = this.db.prepare<[string, number, number, Buffer], void>(
      'INSERT INTO seal_leaves (log, leaf_index, position, hash) VALUES (?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO seal_logs (log, identity) VALUES (?, ?)').run(log, identity);
      for (const leaf of leaves) insert.run(log, leaf.index, leaf.position, leaf.hash);
    })();
  }

  saveCheckpoint(log: SealedLog, checkpoint: StoredCheckpoint): void {
    this.db
      .prepare('INSERT OR IGNORE INTO seal_checkpoints (log, size, signed_at, note) VALUES (?, ?, ?, ?)')
      .run(log, checkpoint.size, checkpoint.signedAt, checkpoint.note);
  }

  /** The newest checkpoint of a log, or the newest covering at most `size` leaves. */
  latestCheckpoint(log: SealedLog, size = Number.MAX_SAFE_INTEGER): StoredCheckpoint | undefined {
    const row = this.db
      .prepare<[string, number], { size: number; signed_at: string; note: string }>(
        'SELECT size, signed_at, note FROM seal_checkpoints WHERE log = ? AND size <= ? ORDER BY size DESC LIMIT 1',
      )
      .get(log, size);
    return row && { size: row.size, signedAt: row.signed_at, note: row.note };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
