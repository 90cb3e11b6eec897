import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { checkpointFully, openDatabase, type SqliteDatabase } from '../event-store/sqlite/sqlite-database.js';
import { unwrapKey, wrapKey } from './field-cipher.js';

/** A patient's data key, or why there is none. */
export type PatientKey = Buffer | 'destroyed' | 'none';

/** Per-patient data keys, kept apart from the event log, wrapped by the master key. */
export interface PatientKeys {
  /** The patient's key, created on first use; undefined once it was destroyed. */
  keyFor(patientId: string): Buffer | undefined;
  existing(patientId: string): PatientKey;
  /** Destroys the key for good (idempotent): what it encrypted can never be read again. */
  destroy(patientId: string, at: string): void;
  /** Leaves no copy of a destroyed key in the file's journal (retried while other readers hold it). */
  compact(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS patient_keys (
    patient_id TEXT PRIMARY KEY,
    wrapped BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS destroyed_keys (
    patient_id TEXT PRIMARY KEY,
    destroyed_at TEXT NOT NULL
  ) WITHOUT ROWID;`;

/** How long a key read from the file is trusted in memory: another process may destroy it meanwhile. */
const CACHE_MS = 2000;

/**
 * The keys in a SQLite file of their own, shared by the processes of one platform. A key is
 * durable before anything it encrypts is appended (`full` durability), or an acknowledged event
 * could become unreadable. `secure_delete` overwrites a destroyed key's bytes, and the WAL is
 * checkpointed and truncated after, so no copy of it lingers in the file or its journal.
 */
export class SqlitePatientKeys implements PatientKeys {
  private readonly cache = new Map<string, { readonly key: Buffer; readonly until: number }>();

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly master: Buffer,
  ) {}

  /** Always `full`: a key lost to a power loss would take the events it encrypted with it. */
  static open(path: string, master: Buffer): SqlitePatientKeys {
    const db = openDatabase(path, 'full');
    db.exec(SCHEMA);
    return new SqlitePatientKeys(db, master);
  }

  /** Whether any key was ever made here: a master key missing then is lost, not new. */
  static holdsKeys(path: string): boolean {
    if (!existsSync(path)) return false;
    const db = openDatabase(path, 'full');
    try {
      db.exec(SCHEMA);
      return db.prepare('SELECT 1 FROM patient_keys UNION ALL SELECT 1 FROM destroyed_keys LIMIT 1').get() !== undefined;
    } finally {
      db.close();
    }
  }

  keyFor(patientId: string): Buffer | undefined {
    const known = this.existing(patientId);
    if (known !== 'none') return known === 'destroyed' ? undefined : known;
    // One statement: processes racing to create a key agree on the first written, and none
    // creates one for a patient another process is erasing at that moment.
    this.db
      .prepare(
        `INSERT OR IGNORE INTO patient_keys (patient_id, wrapped)
         SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM destroyed_keys WHERE patient_id = ?)`,
      )
      .run(patientId, wrapKey(this.master, randomBytes(32), patientId), patientId);
    const created = this.existing(patientId);
    return Buffer.isBuffer(created) ? created : undefined;
  }

  existing(patientId: string): PatientKey {
    const cached = this.cache.get(patientId);
    if (cached && cached.until > Date.now()) return cached.key;
    this.cache.delete(patientId);
    // Destroyed first: a key is never trusted once its patient is recorded as erased.
    if (this.db.prepare('SELECT 1 FROM destroyed_keys WHERE patient_id = ?').get(patientId)) return 'destroyed';
    const row = this.db.prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM patient_keys WHERE patient_id = ?').get(patientId);
    if (!row) return 'none';
    const key = unwrapKey(this.master, row.wrapped, patientId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(patientId, { key, until: Date.now() + CACHE_MS });
    return key;
  }

  destroy(patientId: string, at: string): void {
    this.cache.delete(patientId);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM patient_keys WHERE patient_id = ?').run(patientId);
      this.db.prepare('INSERT OR IGNORE INTO destroyed_keys (patient_id, destroyed_at) VALUES (?, ?)').run(patientId, at);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Moves the WAL into the file and truncates it, waiting out readers that hold an older snapshot
   * (the copy of a destroyed key in the WAL is gone only then).
   */
  async compact(): Promise<void> {
    await checkpointFully(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
