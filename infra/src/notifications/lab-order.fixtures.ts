import type { StoredEvent } from '@hcms/shared-kernel';
import { appendAbout, type Replica } from './notifications.fixtures.js';

/** A critical potassium: what no message may carry (its name, code, value or unit). */
export const POTASSIUM = {
  code: '2823-3',
  name: 'Potassium [Moles/volume] in Serum or Plasma',
  value: { kind: 'numeric', value: 6.9, unit: 'mmol/L' },
  critical: true,
  flag: 'HH',
};
/** A normal sodium: a report of it alone raises no alert. */
export const SODIUM = {
  code: '2951-2',
  name: 'Sodium [Moles/volume] in Serum or Plasma',
  value: { kind: 'numeric', value: 140, unit: 'mmol/L' },
  critical: false,
  flag: 'N',
};
export const SECRETS = ['Potassium', '2823-3', '6.9', 'Sodium', '2951-2', '140', 'mmol'];

/** Laboratory's events about one order, as Notifications' policy receives them, recorded at `now()`. */
export const labOrder = (r: Replica, now: () => string, labOrderId = 'lo1', patientId = 'p1') => {
  const append = (type: string, data: object): Promise<StoredEvent> =>
    appendAbout(r, `labOrder-${labOrderId}`, patientId, `laboratory.${type}`, data);
  return {
    detected: (alertId: string, reportVersion = 1) =>
      append('CriticalResultDetected', {
        alertId,
        labOrderId,
        patientId,
        orderingClinicianId: 'c1',
        reportVersion,
        results: [POTASSIUM],
        detectedAt: now(),
      }),
    callback: (alertId: string, readBack: boolean, reportVersion = 1) =>
      append('CriticalCallbackRecorded', {
        alertId,
        reportVersion,
        reached: { name: 'Dr Clinician', role: 'ordering-clinician' },
        readBack,
        calledAt: now(),
        recordedBy: 'tech1',
        recordedAt: now(),
        results: [POTASSIUM],
      }),
    /** A corrected report replaced the one the alert was about. */
    superseded: (alertId: string, byReportVersion: number) =>
      append('CriticalAlertSuperseded', { alertId, byReportVersion, supersededAt: now() }),
    /** Report `reportVersion`, critical unless told otherwise. */
    finalized: (reportVersion: number, results: readonly object[] = [POTASSIUM]) =>
      append('LabResultFinalized', {
        labOrderId,
        patientId,
        orderingClinicianId: 'c1',
        accessionNumber: 'ACC-0001',
        source: { kind: 'direct' },
        tests: [{ code: POTASSIUM.code, name: 'Potassium' }],
        reportVersion,
        status: reportVersion === 1 ? 'final' : 'corrected',
        results,
        enteredBy: ['tech1'],
        verifiedBy: 'tech2',
        collectedAt: now(),
        finalizedAt: now(),
        ...(reportVersion === 1 ? {} : { correctionReason: 'sample re-run' }),
      }),
  };
};
