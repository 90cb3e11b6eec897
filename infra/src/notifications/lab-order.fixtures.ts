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
export const SECRETS = ['Potassium', '2823-3', '6.9', 'mmol'];

/** Laboratory's events about one order, as Notifications' policy receives them, recorded at `now()`. */
export const labOrder = (r: Replica, now: () => string, labOrderId = 'lo1', patientId = 'p1') => {
  const append = (type: string, data: object): Promise<StoredEvent> =>
    appendAbout(r, `labOrder-${labOrderId}`, patientId, `laboratory.${type}`, data);
  return {
    detected: (alertId: string) =>
      append('CriticalResultDetected', {
        alertId,
        labOrderId,
        patientId,
        orderingClinicianId: 'c1',
        reportVersion: 1,
        results: [POTASSIUM],
        detectedAt: now(),
      }),
    callback: (alertId: string, readBack: boolean) =>
      append('CriticalCallbackRecorded', {
        alertId,
        reportVersion: 1,
        reached: { name: 'Dr Clinician', role: 'ordering-clinician' },
        readBack,
        calledAt: now(),
        recordedBy: 'tech1',
        recordedAt: now(),
        results: [POTASSIUM],
      }),
    finalized: (reportVersion: number) =>
      append('LabResultFinalized', {
        labOrderId,
        patientId,
        orderingClinicianId: 'c1',
        accessionNumber: 'ACC-0001',
        source: { kind: 'direct' },
        tests: [{ code: POTASSIUM.code, name: 'Potassium' }],
        reportVersion,
        status: reportVersion === 1 ? 'final' : 'corrected',
        results: [POTASSIUM],
        enteredBy: ['tech1'],
        verifiedBy: 'tech2',
        collectedAt: now(),
        finalizedAt: now(),
        ...(reportVersion === 1 ? {} : { correctionReason: 'sample re-run' }),
      }),
  };
};
