import type { AuditEntry, AuditLog, AuditQuery, EmergencyAccess, NewAuditEntry } from '@hcms/shared-kernel';
import { GroupCommit } from '../event-store/sqlite/group-commit.js';
import type { SqliteDatabase } from '../event-store/sqlite/sqlite-database.js';

const APPEND_ONLY = (table: string) => `
  CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: ${table} rows are never updated'); END;
  CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: ${table} rows are never deleted'); END;`;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_entries (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    audit_id TEXT NOT NULL UNIQUE,
    recorded_at TEXT NOT NULL,
    subject TEXT,
    outcome TEXT NOT NULL,
    entry TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_entries_by_subject ON audit_entries (subject, sequence);
  CREATE INDEX IF NOT EXISTS audit_entries_by_time ON audit_entries (recorded_at);
  CREATE TABLE IF NOT EXISTS audit_patients (
    patient_id TEXT NOT NULL,
    sequence INTEGER NOT NULL REFERENCES audit_entries (sequence),
    PRIMARY KEY (patient_id, sequence)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS emergency_access (
    emergency_access_id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    role TEXT NOT NULL,
    reason TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS emergency_access_by_holder ON emergency_access (subject, patient_id, expires_at);
  CREATE INDEX IF NOT EXISTS emergency_access_by_expiry ON emergency_access (expires_at);
  ${APPEND_ONLY('audit_entries')}
  ${APPEND_ONLY('audit_patients')}
  ${APPEND_ONLY('emergency_access')}`;

interface EntryRow {
  readonly sequence: number;
  readonly entry: string;
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

const entryOf = (row: EntryRow): AuditEntry => ({ ...(JSON.parse(row.entry) as NewAuditEntry), sequence: row.sequence });

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
 * many times over, and patients' streams must not fill with them. Entries that arrive together
 * share one durable transaction (group commit), so auditing every read costs one fsync per batch.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly commits: GroupCommit<NewAuditEntry, AuditEntry>;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
    const insertEntry = db.prepare<[string, string, string | null, string, string], void>(
      'INSERT INTO audit_entries (audit_id, recorded_at, subject, outcome, entry) VALUES (?, ?, ?, ?, ?)',
    );
    const insertPatient = db.prepare<[string, number], void>('INSERT OR IGNORE INTO audit_patients (patient_id, sequence) VALUES (?, ?)');
    const commitAll = db.transaction((entries: readonly NewAuditEntry[]) =>
      entries.map((entry): AuditEntry => {
        const { lastInsertRowid } = insertEntry.run(
          entry.auditId,
          entry.recordedAt,
          entry.agent.subject,
          entry.outcome.result,
          JSON.stringify(entry),
        );
        const sequence = Number(lastInsertRowid);
        for (const patientId of entry.patientIds) insertPatient.run(patientId, sequence);
        return { ...entry, sequence };
      }),
    );
    this.commits = new GroupCommit((entries) => commitAll(entries));
  }

  record(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.commits.submit(entry);
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
    const sql = `SELECT sequence, entry FROM audit_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence LIMIT ?`;
    return this.db
      .prepare<(string | number)[], EntryRow>(sql)
      .all(...args, query.limit)
      .map(entryOf);
  }

  async get(auditId: string): Promise<AuditEntry | undefined> {
    const row = this.db.prepare<[string], EntryRow>('SELECT sequence, entry FROM audit_entries WHERE audit_id = ?').get(auditId);
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
    this.db.close();
  }
}
