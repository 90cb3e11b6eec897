import { expect } from 'chai';
import type { AnalyteResult, LabOrderEvent } from '@hcms/laboratory/contract';
import { isAlertClosed, isCriticalResult, reportToTell } from './lab-order-history.js';

const at = '2026-12-06T10:00:00.000Z';
const potassium: AnalyteResult = {
  code: '2823-3',
  name: 'Potassium',
  value: { kind: 'numeric', value: 6.9, unit: 'mmol/L' },
  critical: true,
  flag: 'HH',
};
const normal: AnalyteResult = { ...potassium, value: { kind: 'numeric', value: 4.1, unit: 'mmol/L' }, critical: false, flag: 'N' };
const finalized = (reportVersion: number, results: AnalyteResult[]): LabOrderEvent =>
  ({
    type: 'LabResultFinalized',
    data: {
      labOrderId: 'lo1',
      patientId: 'p1',
      orderingClinicianId: 'c1',
      accessionNumber: 'ACC-0001',
      source: { kind: 'direct' },
      tests: [{ code: '2823-3', name: 'Potassium' }],
      reportVersion,
      status: reportVersion === 1 ? 'final' : 'corrected',
      results,
      enteredBy: ['tech1'],
      verifiedBy: 'tech2',
      collectedAt: at,
      finalizedAt: at,
    },
  }) as LabOrderEvent;
const detected = (reportVersion: number): LabOrderEvent =>
  ({
    type: 'CriticalResultDetected',
    data: {
      alertId: `lo1.${reportVersion}`,
      labOrderId: 'lo1',
      patientId: 'p1',
      orderingClinicianId: 'c1',
      reportVersion,
      results: [potassium],
      detectedAt: at,
    },
  }) as LabOrderEvent;
const callback = (reportVersion: number, readBack: boolean): LabOrderEvent =>
  ({
    type: 'CriticalCallbackRecorded',
    data: {
      alertId: `lo1.${reportVersion}`,
      reportVersion,
      reached: { name: 'Dr C', role: 'ordering-clinician' },
      readBack,
      calledAt: at,
      recordedBy: 'tech1',
      recordedAt: at,
      results: [potassium],
    },
  }) as LabOrderEvent;
const superseded = (reportVersion: number, byReportVersion: number): LabOrderEvent =>
  ({
    type: 'CriticalAlertSuperseded',
    data: { alertId: `lo1.${reportVersion}`, byReportVersion, supersededAt: at },
  }) as LabOrderEvent;

describe("A laboratory order's history, as Notifications reads it", () => {
  it('counts a result as critical when marked so or flagged beyond a critical limit', () => {
    expect(isCriticalResult(potassium)).to.equal(true);
    expect(isCriticalResult({ ...normal, flag: 'LL' })).to.equal(true);
    expect(isCriticalResult({ ...normal, flag: 'H' })).to.equal(false);
    expect(isCriticalResult(normal)).to.equal(false);
  });

  it('closes an alert by its read-back or by a corrected report, not by a call without read-back', () => {
    expect(isAlertClosed([detected(1), callback(1, false)], 'lo1.1')).to.equal(false);
    expect(isAlertClosed([detected(1), callback(1, true)], 'lo1.1')).to.equal(true);
    expect(isAlertClosed([detected(1), finalized(2, [normal]), superseded(1, 2)], 'lo1.1')).to.equal(true);
    expect(isAlertClosed([detected(1), callback(1, true)], 'lo1.2')).to.equal(false);
  });

  describe('the report its patient may be told of', () => {
    it('is none while an alert on the order is open', () => {
      expect(reportToTell([finalized(1, [potassium]), detected(1)])).to.equal(undefined);
      expect(reportToTell([finalized(1, [potassium]), detected(1), callback(1, false)])).to.equal(undefined);
    });
    it('is the report once its alert is read back', () =>
      expect(reportToTell([finalized(1, [potassium]), detected(1), callback(1, true)])?.reportVersion).to.equal(1));
    it('is the corrected report once it replaced the one the open alert was about, unless it raised its own', () => {
      const corrected = [finalized(1, [potassium]), detected(1), finalized(2, [normal]), superseded(1, 2)];
      expect(reportToTell(corrected)?.reportVersion).to.equal(2);
      const stillCritical = [finalized(1, [potassium]), detected(1), finalized(2, [potassium]), detected(2), superseded(1, 2)];
      expect(reportToTell(stillCritical)).to.equal(undefined);
      expect(reportToTell([...stillCritical, callback(2, true)])?.reportVersion).to.equal(2);
    });
    it('is none before any report', () => expect(reportToTell([])).to.equal(undefined));
  });
});
