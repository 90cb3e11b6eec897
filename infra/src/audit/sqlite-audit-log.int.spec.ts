import { expect } from 'chai';
import { join } from 'node:path';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { auditEntry as entry, PATIENT } from '../testing/audit-fixtures.js';
import { tempDir } from '../testing/fixtures.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';

const OTHER = '0190f5c2-0000-7000-8000-000000000002';

/** A quarter-hour grant from the hour given (UTC, 27 November 2026). */
const grant = (emergencyAccessId: string, patientId: string, subject: string, hour: string) => ({
  emergencyAccessId,
  patientId,
  subject,
  role: 'lab-technician',
  reason: 'collapsed',
  grantedAt: `2026-11-27T${hour}:00:00.000Z`,
  expiresAt: `2026-11-27T${hour}:15:00.000Z`,
});

describe('The SQLite audit log (a real file)', () => {
  const dir = tempDir();
  const path = join(dir.path, 'audit.db');
  let log: SqliteAuditLog;
  before(() => (log = SqliteAuditLog.open(path, 'full')));
  after(async () => {
    await log.close();
    dir.remove();
  });

  it('commits entries recorded together in one transaction, numbered in order, and survives reopening', async () => {
    const recorded = await Promise.all([1, 2, 3].map((n) => log.record(entry(n))));
    expect(recorded.map((e) => e.sequence)).to.deep.equal([1, 2, 3]);
    const reopened = SqliteAuditLog.open(path, 'full');
    try {
      expect((await reopened.get(entry(2).auditId))?.requestId).to.equal('req-2');
    } finally {
      await reopened.close();
    }
  });

  it('refuses to update or delete an entry, a patient link or an emergency grant (triggers)', async () => {
    await log.grantEmergencyAccess(grant('g-0', OTHER, 'lab-0', '08'));
    const db = openDatabase(path, 'full');
    try {
      for (const sql of [
        `UPDATE audit_entries SET outcome = 'success'`,
        'DELETE FROM audit_entries',
        `UPDATE audit_patients SET patient_id = 'x'`,
        'DELETE FROM audit_patients',
        `UPDATE emergency_access SET expires_at = '9999'`,
        'DELETE FROM emergency_access',
      ]) {
        expect(() => db.exec(sql), sql).to.throw(/append-only/);
      }
    } finally {
      db.close();
    }
  });

  it('finds entries by patient, actor, outcome and time, page by page', async () => {
    await log.record(
      entry(4, { patientIds: [OTHER], agent: { subject: 'desk-1', role: 'receptionist', address: '::1', purposeOfUse: 'TREAT' } }),
    );
    await log.record(entry(5, { outcome: { status: 403, result: 'refused' } }));
    const sequences = async (query: Parameters<SqliteAuditLog['find']>[0]) => (await log.find(query)).map((e) => e.sequence);
    expect(await sequences({ patientId: OTHER, limit: 10 })).to.deep.equal([4]);
    expect(await sequences({ actor: 'clinician-1', limit: 10 })).to.deep.equal([1, 2, 3, 5]);
    expect(await sequences({ outcome: 'refused', limit: 10 })).to.deep.equal([5]);
    expect(await sequences({ from: entry(2).recordedAt, to: entry(4).recordedAt, limit: 10 })).to.deep.equal([2, 3]);
    expect(await sequences({ patientId: PATIENT, limit: 2 })).to.deep.equal([1, 2]);
    expect(await sequences({ patientId: PATIENT, after: 2, limit: 2 })).to.deep.equal([3, 5]);
  });

  it('knows an emergency grant only while it is open, for its holder and patient', async () => {
    await log.grantEmergencyAccess(grant('g-1', PATIENT, 'lab-1', '09'));
    expect((await log.emergencyAccessFor('lab-1', PATIENT, '2026-11-27T09:10:00.000Z'))?.emergencyAccessId).to.equal('g-1');
    expect(await log.emergencyAccessFor('lab-1', PATIENT, '2026-11-27T09:15:00.000Z')).to.equal(undefined);
    expect(await log.emergencyAccessFor('lab-1', OTHER, '2026-11-27T09:10:00.000Z')).to.equal(undefined);
    expect(await log.emergencyAccessFor('lab-2', PATIENT, '2026-11-27T09:10:00.000Z')).to.equal(undefined);
    expect((await log.emergencyAccesses(true, '2026-11-27T09:10:00.000Z', 10)).map((g) => g.emergencyAccessId)).to.deep.equal(['g-1']);
    expect((await log.emergencyAccesses(false, '2026-11-27T09:20:00.000Z', 10)).map((g) => g.emergencyAccessId)).to.deep.equal([
      'g-1',
      'g-0',
    ]);
  });
});
