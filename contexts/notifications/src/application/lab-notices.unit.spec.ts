import { expect } from 'chai';
import type { LabOrderEvent, LabOrderEventOf } from '@hcms/laboratory/contract';
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
  alertAcknowledged: false,
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
const finalized = (reportVersion: number, status: 'final' | 'corrected') =>
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
      status,
      results: [potassium],
      enteredBy: ['tech1'],
      verifiedBy: 'tech2',
      collectedAt: now,
      finalizedAt: now,
      ...(status === 'corrected' ? { correctionReason: 'haemolysed sample re-run' } : {}),
    },
  }) as LabOrderEventOf<'LabResultFinalized'>;

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
    it('alerts however old the detection, unless its read-back is already recorded', () => {
      expect(ids(notices(detected, { recordedAt: ago(30 * NOTICE_WINDOW_SECONDS) }))).to.deep.equal(['critical-al1']);
      expect(notices(detected, { recordedAt: ago(30 * NOTICE_WINDOW_SECONDS), alertAcknowledged: true })).to.deep.equal([]);
    });
  });

  describe('on a callback', () => {
    it('acknowledges the alert when the value was read back', () =>
      expect(notices(callback(true))).to.deep.equal([
        { notificationId: 'critical-al1', command: { type: 'AcknowledgeNotification', at: now, trigger: 'e1' } },
      ]));
    it('changes nothing without a read-back: the alert goes on', () => expect(notices(callback(false))).to.deep.equal([]));
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
    it('is news only within the notice window', () => {
      expect(ids(notices(finalized(1, 'final'), { recordedAt: ago(NOTICE_WINDOW_SECONDS) }))).to.deep.equal(['results-lo1-1']);
      expect(notices(finalized(2, 'corrected'), { recordedAt: ago(NOTICE_WINDOW_SECONDS + 1) })).to.deep.equal([]);
    });
  });

  it('never puts a value, a test, a reason or a name in any text it sends', () => {
    const texts = [detected, finalized(1, 'final'), finalized(2, 'corrected')]
      .flatMap((e) => notices(e))
      .map(scheduled)
      .flatMap((c) => [c.subject, c.body, roundText(c.body, 3)]);
    expect(texts).to.have.length(12);
    for (const text of texts) {
      for (const secret of ['Potassium', '2823-3', '6.9', 'mmol', 'HH', 'haemolysed', 'Grace', 'ACC-0001', 'p1']) {
        expect(text, text).not.to.include(secret);
      }
    }
  });
});
