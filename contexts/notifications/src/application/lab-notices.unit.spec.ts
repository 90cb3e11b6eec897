import { expect } from 'chai';
import type { AnalyteResult, LabOrderEvent, LabOrderEventOf } from '@hcms/laboratory/contract';
import { labNotices, type LabCircumstances, type LabNotice } from './lab-notices.js';
import { roundText } from './messages.js';
import { NOTICE_WINDOW_SECONDS } from './notice-window.js';

const now = '2026-12-06T10:00:00.000Z';
const ago = (seconds: number) => new Date(Date.parse(now) - seconds * 1000).toISOString();
const escalation = { repeatEverySeconds: 600, onCallAfterRounds: 2 };
const circumstances: LabCircumstances = {
  trigger: 'e1',
  recordedAt: ago(60),
  now,
  escalation,
  patientDeceased: false,
  alertClosed: false,
};
const potassium = {
  code: '2823-3',
  name: 'Potassium [Moles/volume] in Serum or Plasma',
  value: { kind: 'numeric' as const, value: 6.9, unit: 'mmol/L' },
  critical: true,
  flag: 'HH' as const,
};
const detected = {
  type: 'CriticalResultDetected',
  data: {
    alertId: 'al1',
    labOrderId: 'lo1',
    patientId: 'p1',
    orderingClinicianId: 'c1',
    reportVersion: 1,
    results: [potassium],
    detectedAt: now,
  },
} as LabOrderEventOf<'CriticalResultDetected'>;
const callback = (readBack: boolean) =>
  ({
    type: 'CriticalCallbackRecorded',
    data: {
      alertId: 'al1',
      reportVersion: 1,
      reached: { name: 'Dr Grace Hopper', role: 'ordering-clinician' },
      readBack,
      calledAt: now,
      recordedBy: 'tech1',
      recordedAt: now,
      results: [potassium],
    },
  }) as LabOrderEventOf<'CriticalCallbackRecorded'>;
const sodium = {
  code: '2951-2',
  name: 'Sodium [Moles/volume] in Serum or Plasma',
  value: { kind: 'numeric' as const, value: 140, unit: 'mmol/L' },
  critical: false,
  flag: 'N' as const,
};
const finalized = (reportVersion: number, status: 'final' | 'corrected', results: AnalyteResult[] = [sodium]) =>
  ({
    type: 'LabResultFinalized',
    data: {
      labOrderId: 'lo1',
      patientId: 'p1',
      orderingClinicianId: 'c1',
      accessionNumber: 'ACC-0001',
      source: { kind: 'direct' },
      tests: [{ code: '2951-2', name: 'Sodium' }],
      reportVersion,
      status,
      results,
      enteredBy: ['tech1'],
      verifiedBy: 'tech2',
      collectedAt: now,
      finalizedAt: now,
      ...(status === 'corrected' ? { correctionReason: 'haemolysed sample re-run' } : {}),
    },
  }) as LabOrderEventOf<'LabResultFinalized'>;

const superseded = {
  type: 'CriticalAlertSuperseded',
  data: { alertId: 'al1', byReportVersion: 2, supersededAt: now },
} as LabOrderEventOf<'CriticalAlertSuperseded'>;
const notices = (event: LabOrderEvent, over: Partial<LabCircumstances> = {}) => labNotices(event, { ...circumstances, ...over });
const ids = (list: readonly LabNotice[]) => list.map((n) => n.notificationId);
const scheduled = (notice: LabNotice | undefined) => {
  if (notice?.command.type !== 'ScheduleNotification') throw new Error('not a scheduled notification');
  return notice.command;
};

describe('Laboratory notices', () => {
  describe('on a critical result', () => {
    it('alerts the ordering clinician, repeating and escalating, under an id from the alert', () => {
      const [alert, ...rest] = notices(detected);
      expect(rest).to.deep.equal([]);
      expect(alert?.notificationId).to.equal('critical-al1');
      expect(scheduled(alert)).to.deep.include({
        audience: 'staff',
        staffId: 'c1',
        kind: 'critical-result',
        escalation,
        dueAt: now,
        labOrderId: 'lo1',
        patientId: 'p1',
        subject: 'Critical laboratory result: call the laboratory',
      });
    });
    it('alerts however old the detection, unless the alert is already closed', () => {
      expect(ids(notices(detected, { recordedAt: ago(30 * NOTICE_WINDOW_SECONDS) }))).to.deep.equal(['critical-al1']);
      expect(notices(detected, { recordedAt: ago(30 * NOTICE_WINDOW_SECONDS), alertClosed: true })).to.deep.equal([]);
    });
  });

  describe('on a callback', () => {
    it('acknowledges the alert when the value was read back', () =>
      expect(notices(callback(true))).to.deep.equal([
        { notificationId: 'critical-al1', command: { type: 'AcknowledgeNotification', at: now, trigger: 'e1' } },
      ]));
    it('changes nothing without a read-back: the alert goes on, the patient hears nothing', () =>
      expect(notices(callback(false), { released: finalized(1, 'final', [potassium]).data })).to.deep.equal([]));
    it("tells the patient of the report its read-back released, under the report's id", () => {
      const list = notices(callback(true), { released: finalized(1, 'final', [potassium]).data });
      expect(ids(list)).to.deep.equal(['critical-al1', 'results-lo1-1']);
      expect(scheduled(list[1])).to.deep.include({ audience: 'patient', kind: 'results-available', dueAt: now, trigger: 'e1' });
    });
    it('tells the patient nothing while another alert on the order is open, or of a read-back long past', () => {
      expect(ids(notices(callback(true)))).to.deep.equal(['critical-al1']);
      const old = { released: finalized(1, 'final', [potassium]).data, recordedAt: ago(NOTICE_WINDOW_SECONDS + 1) };
      expect(ids(notices(callback(true), old))).to.deep.equal(['critical-al1']);
      expect(ids(notices(callback(true), { released: finalized(1, 'final').data, patientDeceased: true }))).to.deep.equal(['critical-al1']);
    });
  });

  describe('on an alert superseded by a corrected report', () => {
    it('stops the alert, under the id it was raised with', () =>
      expect(notices(superseded)).to.deep.equal([
        { notificationId: 'critical-al1', command: { type: 'AcknowledgeNotification', at: now, trigger: 'e1' } },
      ]));
    it('tells the patient of the report that replaced it, once no alert is open', () => {
      const list = notices(superseded, { released: finalized(2, 'corrected').data });
      expect(ids(list)).to.deep.equal(['critical-al1', 'results-lo1-2']);
      expect(scheduled(list[1]).subject).to.match(/updated/i);
    });
  });

  describe('on a finalized report', () => {
    it('tells the patient that results are available, once per report version', () => {
      const list = notices(finalized(1, 'final'));
      expect(ids(list)).to.deep.equal(['results-lo1-1']);
      expect(scheduled(list[0])).to.deep.include({ audience: 'patient', kind: 'results-available', patientId: 'p1', dueAt: now });
      expect(scheduled(list[0])).not.to.have.property('escalation');
    });
    it('tells the ordering clinician, once, and the patient of updated results when corrected', () => {
      const list = notices(finalized(2, 'corrected'));
      expect(ids(list)).to.deep.equal(['corrected-lo1-2', 'results-lo1-2']);
      expect(scheduled(list[0])).to.deep.include({ audience: 'staff', staffId: 'c1', kind: 'corrected-report' });
      expect(scheduled(list[0])).not.to.have.property('escalation');
      expect(scheduled(list[1]).subject).to.match(/updated/i);
    });
    it('tells a deceased patient nothing, and still tells the clinician of a correction', () => {
      expect(notices(finalized(1, 'final'), { patientDeceased: true })).to.deep.equal([]);
      expect(ids(notices(finalized(2, 'corrected'), { patientDeceased: true }))).to.deep.equal(['corrected-lo1-2']);
    });
    it('is news to the patient only within the notice window', () => {
      expect(ids(notices(finalized(1, 'final'), { recordedAt: ago(NOTICE_WINDOW_SECONDS) }))).to.deep.equal(['results-lo1-1']);
      expect(notices(finalized(1, 'final'), { recordedAt: ago(NOTICE_WINDOW_SECONDS + 1) })).to.deep.equal([]);
    });
    it('tells the clinician of a correction however old it is', () =>
      expect(ids(notices(finalized(2, 'corrected'), { recordedAt: ago(30 * NOTICE_WINDOW_SECONDS) }))).to.deep.equal(['corrected-lo1-2']));
    it('tells the patient nothing of a report with a critical result until its alert closes', () => {
      expect(notices(finalized(1, 'final', [sodium, potassium]))).to.deep.equal([]);
      expect(notices(finalized(1, 'final', [{ ...potassium, critical: false, flag: 'LL' as const }]))).to.deep.equal([]);
      expect(notices(finalized(1, 'final', [{ ...potassium, critical: true, flag: 'N' as const }]))).to.deep.equal([]);
      expect(ids(notices(finalized(2, 'corrected', [potassium])))).to.deep.equal(['corrected-lo1-2']);
    });
    it('tells the patient of a corrected report without a critical result at once', () =>
      expect(ids(notices(finalized(2, 'corrected')))).to.deep.equal(['corrected-lo1-2', 'results-lo1-2']));
  });

  it('never puts a value, a test, a reason or a name in any text it sends', () => {
    const texts = [detected, finalized(1, 'final'), finalized(2, 'corrected')]
      .flatMap((e) => notices(e))
      .map(scheduled)
      .flatMap((c) => [c.subject, c.body, roundText(c.body, 3)]);
    expect(texts).to.have.length(12);
    for (const text of texts) {
      for (const secret of [
        'Potassium',
        '2823-3',
        '6.9',
        'Sodium',
        '2951-2',
        '140',
        'mmol',
        'HH',
        'haemolysed',
        'Grace',
        'ACC-0001',
        'p1',
      ]) {
        expect(text, text).not.to.include(secret);
      }
    }
  });
});
