import type { AuditEntry, AuditOutcome, NewAuditEntry } from './audit-entry.js';

export interface AuditQuery {
  readonly patientId?: string;
  readonly actor?: string;
  /** Inclusive, ISO 8601 UTC. */
  readonly from?: string;
  /** Exclusive, ISO 8601 UTC. */
  readonly to?: string;
  readonly outcome?: AuditOutcome;
  /** Entries after this sequence number (the previous page's last). */
  readonly after?: number;
  /** The newest entries first (default: in sequence). */
  readonly newestFirst?: boolean;
  readonly limit: number;
}

/** A time-boxed grant to reach one patient's record without the role for it ("break the glass"). */
export interface EmergencyAccess {
  readonly emergencyAccessId: string;
  readonly patientId: string;
  readonly subject: string;
  readonly role: string;
  readonly reason: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
}

/**
 * The append-only audit log. `record` resolves once the entry is durable: an answer is sent only
 * after its entry is, so a crash can never leave a read without its record.
 */
export interface AuditLog {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  find(query: AuditQuery): Promise<readonly AuditEntry[]>;
  get(auditId: string): Promise<AuditEntry | undefined>;
  grantEmergencyAccess(grant: EmergencyAccess): Promise<void>;
  /** The grant open at `now` for this subject and patient, if any. */
  emergencyAccessFor(subject: string, patientId: string, now: string): Promise<EmergencyAccess | undefined>;
  /** Grants open at `now` (or closed, with `open: false`), newest first. */
  emergencyAccesses(open: boolean, now: string, limit: number): Promise<readonly EmergencyAccess[]>;
  /** Throws while entries cannot be written: a health check. */
  check(): Promise<void>;
  close(): Promise<void>;
}
