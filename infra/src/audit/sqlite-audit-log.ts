import type { AuditEntry, AuditLog, AuditQuery, EmergencyAccess, NewAuditEntry } from '@hcms/shared-kernel';
import { Worker } from 'node:worker_threads';
import { openDatabase, type Durability, type SqliteDatabase } from '../event-store/sqlite/sqlite-database.js';
import { AUDIT_SCHEMA, type EntryRow, type WriterReply, type WriterRequest } from './audit-schema.js';

interface StoredRow {
  readonly sequence: number;
  readonly entry: string;
}

interface Waiting {
  readonly entry: NewAuditEntry;
  readonly row: EntryRow;
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (error: Error) => void;
}

interface GrantRow {
  readonly emergency_access_id: string;
  readonly patient_id: string;
  readonly subject: string;
  readonly role: string;
  readonly reason: string;
  readonly granted_at: string;
  readonly expires_at: string;
}

const entryOf = (row: StoredRow): AuditEntry => ({ ...(JSON.parse(row.entry) as NewAuditEntry), sequence: row.sequence });

const grantOf = (row: GrantRow): EmergencyAccess => ({
  emergencyAccessId: row.emergency_access_id,
  patientId: row.patient_id,
  subject: row.subject,
  role: row.role,
  reason: row.reason,
  grantedAt: row.granted_at,
  expiresAt: row.expires_at,
});

/**
 * The audit log in a SQLite file of its own, apart from the event log: reads outnumber writes
 * many times over, and patients' streams must not fill with them. Entries are committed on a
 * writer thread, one transaction for all that arrive together (group commit), so auditing every
 * read costs one fsync per batch and never blocks this thread on it.
 */
export class SqliteAuditLog implements AuditLog {
  /** Started by the first entry: a process that answers no audited route never starts one. */
  private writer: Worker | undefined;
  /** Entries waiting for the batch being committed to finish: they go together in the next. */
  private queue: Waiting[] = [];
  private inflight: { readonly batch: number; readonly waiting: readonly Waiting[] } | undefined;
  private batches = 0;
  /** Why the writer thread stopped, until one is started again. */
  private broken: Error | undefined;
  private closing = false;
  private drained: (() => void) | undefined;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly path: string,
    private readonly durability: Durability,
  ) {}

  private startWriter(): Worker {
    const writer = new Worker(new URL('./audit-writer.worker.js', import.meta.url), {
      workerData: { path: this.path, durability: this.durability },
    });
    // The thread keeps the process alive only while it owes an answer (see `send`).
    writer.unref();
    writer.on('message', (reply: WriterReply) => this.settle(reply));
    writer.on('error', (error) => this.fail(writer, error));
    writer.on('exit', () => this.fail(writer, new Error('the audit writer stopped')));
    return writer;
  }

  /** Throws while the writer is down: a health check. */
  async check(): Promise<void> {
    if (this.broken) throw new Error(`audit log: ${this.broken.message}`);
  }

  /** Opens (creating if needed) the audit log at `path`; `durability` as the event log's. */
  static open(path: string, durability: Durability): SqliteAuditLog {
    const db = openDatabase(path, durability);
    db.exec(AUDIT_SCHEMA);
    return new SqliteAuditLog(db, path, durability);
  }

  record(entry: NewAuditEntry): Promise<AuditEntry> {
    if (this.closing) return Promise.reject(new Error('the audit log is closed'));
    // A writer that stopped is started again by the next entry: a passing fault must not refuse every read until a restart.
    if (this.broken || !this.writer) [this.writer, this.broken] = [this.startWriter(), undefined];
    const row: EntryRow = {
      auditId: entry.auditId,
      recordedAt: entry.recordedAt,
      subject: entry.agent.subject,
      outcome: entry.outcome.result,
      patientIds: entry.patientIds,
      json: JSON.stringify(entry),
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, row, resolve, reject });
      this.send();
    });
  }

  /** One batch in flight: what arrives meanwhile is committed together next (group commit). */
  private send(): void {
    const writer = this.writer;
    if (this.inflight || !writer) return;
    if (this.queue.length === 0) {
      writer.unref();
      this.drained?.();
      return;
    }
    writer.ref();
    const waiting = this.queue;
    this.queue = [];
    this.inflight = { batch: ++this.batches, waiting };
    writer.postMessage({ batch: this.batches, rows: waiting.map((w) => w.row) } satisfies WriterRequest);
  }

  private settle(reply: WriterReply): void {
    const inflight = this.inflight;
    if (!inflight || inflight.batch !== reply.batch) return;
    this.inflight = undefined;
    if ('error' in reply) for (const w of inflight.waiting) w.reject(new Error(`audit entry not written: ${reply.error}`));
    else inflight.waiting.forEach((w, i) => w.resolve({ ...w.entry, sequence: reply.sequences[i] ?? 0 }));
    this.send();
  }

  private fail(writer: Worker, error: Error): void {
    if (writer !== this.writer) return;
    this.broken ??= error;
    for (const w of [...(this.inflight?.waiting ?? []), ...this.queue]) w.reject(this.broken);
    [this.inflight, this.queue] = [undefined, []];
    this.drained?.();
  }

  async find(query: AuditQuery): Promise<readonly AuditEntry[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const when = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    when('sequence IN (SELECT sequence FROM audit_patients WHERE patient_id = ?)', query.patientId);
    when('subject = ?', query.actor);
    when('recorded_at >= ?', query.from);
    when('recorded_at < ?', query.to);
    when('outcome = ?', query.outcome);
    when('sequence > ?', query.after);
    const sql = `SELECT sequence, entry FROM audit_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence ${query.newestFirst ? 'DESC' : ''} LIMIT ?`;
    return this.db
      .prepare<(string | number)[], StoredRow>(sql)
      .all(...args, query.limit)
      .map(entryOf);
  }

  async get(auditId: string): Promise<AuditEntry | undefined> {
    const row = this.db.prepare<[string], StoredRow>('SELECT sequence, entry FROM audit_entries WHERE audit_id = ?').get(auditId);
    return row && entryOf(row);
  }

  async grantEmergencyAccess(grant: EmergencyAccess): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO emergency_access (emergency_access_id, patient_id, subject, role, reason, granted_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(grant.emergencyAccessId, grant.patientId, grant.subject, grant.role, grant.reason, grant.grantedAt, grant.expiresAt);
  }

  async emergencyAccessFor(subject: string, patientId: string, now: string): Promise<EmergencyAccess | undefined> {
    const row = this.db
      .prepare<[string, string, string, string], GrantRow>(
        `SELECT * FROM emergency_access WHERE subject = ? AND patient_id = ? AND granted_at <= ? AND expires_at > ?
         ORDER BY expires_at DESC LIMIT 1`,
      )
      .get(subject, patientId, now, now);
    return row && grantOf(row);
  }

  async emergencyAccesses(open: boolean, now: string, limit: number): Promise<readonly EmergencyAccess[]> {
    return this.db
      .prepare<[string, number], GrantRow>(
        `SELECT * FROM emergency_access WHERE expires_at ${open ? '>' : '<='} ? ORDER BY granted_at DESC LIMIT ?`,
      )
      .all(now, limit)
      .map(grantOf);
  }

  async close(): Promise<void> {
    this.closing = true;
    const writer = this.writer;
    if (writer && !this.broken) {
      if (this.inflight || this.queue.length > 0) await new Promise<void>((done) => (this.drained = done));
      writer.ref();
      const exited = new Promise((done) => writer.once('exit', done));
      writer.postMessage({ close: true } satisfies WriterRequest);
      await exited;
    }
    this.db.close();
  }
}
