import { appendOnly } from '../event-store/sqlite/append-only.js';

/** The audit log's tables; triggers refuse every UPDATE and DELETE. */
export const AUDIT_SCHEMA = `
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
  CREATE INDEX IF NOT EXISTS audit_entries_by_outcome ON audit_entries (outcome, sequence);
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
  ${appendOnly('audit_entries', 'the audit log')}
  ${appendOnly('audit_patients', 'the audit log')}
  ${appendOnly('emergency_access', 'the audit log')}`;

/** An entry as the writer thread receives it. */
export interface EntryRow {
  readonly auditId: string;
  readonly recordedAt: string;
  readonly subject: string | null;
  readonly outcome: string;
  readonly patientIds: readonly string[];
  /** The whole entry as JSON, serialized once by the thread that built it. */
  readonly json: string;
}

/** A batch to commit in one transaction, or the end. */
export type WriterRequest = { readonly batch: number; readonly rows: readonly EntryRow[] } | { readonly close: true };
export type WriterReply =
  { readonly batch: number; readonly sequences: readonly number[] } | { readonly batch: number; readonly error: string };
