import type { NewAuditEntry } from '@hcms/shared-kernel';

export const PATIENT = '0190f5c2-0000-7000-8000-000000000001';

/** The `n`th entry of a run: a clinician's read of one patient's chart, `n` seconds after 09:00 on 27 November 2026. */
export const auditEntry = (n: number, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  auditId: `0190f5c2-0000-7000-8000-${String(n).padStart(12, '0')}`,
  recordedAt: new Date(Date.UTC(2026, 10, 27, 9, 0, n)).toISOString(),
  requestId: `req-${n}`,
  agent: { subject: 'clinician-1', role: 'clinician', address: '127.0.0.1', purposeOfUse: null },
  request: { method: 'GET', route: '/patients/:patientId', params: { patientId: PATIENT }, query: {} },
  resource: 'Patient',
  patientIds: [PATIENT],
  outcome: { status: 200, result: 'success' },
  positions: { 'patient-detail': n },
  versions: { [PATIENT]: 1 },
  bodyDigest: 'ab',
  emergencyAccessId: null,
  ...overrides,
});
