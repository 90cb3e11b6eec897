import { wireType, type StoredEvent } from '@hcms/shared-kernel';
import { labOrderEvents, labOrderStream, type LabOrderEvent } from '@hcms/laboratory/contract';
import { PATIENT } from '../encounters/encounter.fixtures.js';

/** Test data: Laboratory's events about lab orders, as the log stores them. */
export const CLINICIAN = '0190f5c2-0000-7000-8000-0000000000c1';
export const TECH = '0190f5c2-0000-7000-8000-0000000000d1';
export const VERIFIER = '0190f5c2-0000-7000-8000-0000000000d2';

let position = 10_000;

type Entry = { readonly [T in LabOrderEvent['type']]: readonly [T, object] }[LabOrderEvent['type']];

/** One order's stream: `[type, data]` pairs, numbered from version 1, each about `patientId`. */
export const labStream = (labOrderId: string, events: readonly Entry[], patientId = PATIENT): StoredEvent[] =>
  events.map(([type, data], i) => ({
    id: `${labOrderId}-${i + 1}`,
    type: wireType(labOrderEvents, type),
    streamId: labOrderStream(labOrderId),
    version: i + 1,
    position: ++position,
    recordedAt: '2026-03-02T12:00:00.000Z',
    data,
    metadata: { actor: { id: TECH, role: 'lab-technician' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId },
  }));

export const potassium = (value: number, flag: 'N' | 'H' | 'HH', critical = flag === 'HH') => ({
  code: '2823-3',
  name: 'Potassium',
  value: { kind: 'numeric', value, unit: 'mmol/L' },
  critical,
  flag,
  range: { low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5 },
});
export const sodium = (value: number) => ({
  code: '2951-2',
  name: 'Sodium',
  value: { kind: 'numeric', value, unit: 'mmol/L' },
  critical: false,
  flag: 'N',
  range: { low: 136, high: 145 },
});
export const comment = (text: string) => ({ code: '8251-1', name: 'Service comment', value: { kind: 'text', text }, critical: false });

export const placed = (labOrderId: string, orderedAt: string, extra: object = {}, patientId = PATIENT): Entry => [
  'LabOrderPlaced',
  {
    labOrderId,
    patientId,
    orderingClinicianId: CLINICIAN,
    source: { kind: 'direct' },
    specimenType: 'serum',
    tests: [
      { code: '2823-3', name: 'Potassium' },
      { code: '2951-2', name: 'Sodium' },
    ],
    analytes: [
      { code: '2823-3', name: 'Potassium' },
      { code: '2951-2', name: 'Sodium' },
    ],
    priority: 'routine',
    orderedAt,
    note: 'Patient on spironolactone',
    ...extra,
  },
];

export const collected = (accessionNumber: string, collectedAt: string): Entry => [
  'SpecimenCollected',
  { accessionNumber, specimenType: 'serum', collectorId: TECH, collectedAt, recordedAt: collectedAt },
];
export const received = (accessionNumber: string, receivedAt: string): Entry => [
  'SpecimenReceived',
  { accessionNumber, receivedBy: TECH, receivedAt },
];
export const rejected = (accessionNumber: string, rejectedAt: string): Entry => [
  'SpecimenRejected',
  { accessionNumber, reason: 'hemolysed', rejectedBy: TECH, rejectedAt, note: 'Drawn through a small needle' },
];
export const entered = (
  accessionNumber: string,
  reportVersion: number,
  results: object[],
  enteredAt: string,
  extra: object = {},
): Entry => [
  'ResultsEntered',
  { accessionNumber, reportVersion, results, source: { kind: 'manual' }, enteredBy: TECH, enteredAt, ...extra },
];

export const finalized = (
  labOrderId: string,
  accessionNumber: string,
  reportVersion: number,
  results: object[],
  finalizedAt: string,
  extra: object = {},
): Entry => [
  'LabResultFinalized',
  {
    labOrderId,
    patientId: PATIENT,
    orderingClinicianId: CLINICIAN,
    accessionNumber,
    source: { kind: 'direct' },
    tests: [
      { code: '2823-3', name: 'Potassium' },
      { code: '2951-2', name: 'Sodium' },
    ],
    reportVersion,
    status: reportVersion === 1 ? 'final' : 'corrected',
    results,
    enteredBy: [TECH],
    verifiedBy: VERIFIER,
    collectedAt: '2026-03-02T08:00:00.000Z',
    finalizedAt,
    ...extra,
  },
];

/** A critical value of report `reportVersion`, its alert named `<labOrderId>.<reportVersion>` as Laboratory names it. */
export const criticalDetected = (labOrderId: string, reportVersion: number, results: object[], detectedAt: string): Entry => [
  'CriticalResultDetected',
  {
    alertId: `${labOrderId}.${reportVersion}`,
    labOrderId,
    patientId: PATIENT,
    orderingClinicianId: CLINICIAN,
    reportVersion,
    results,
    detectedAt,
  },
];

/** A call about the alert of report `reportVersion` (the first by default), to the ordering clinician. */
export const callback = (labOrderId: string, readBack: boolean, calledAt: string, reportVersion = 1): Entry => [
  'CriticalCallbackRecorded',
  {
    alertId: `${labOrderId}.${reportVersion}`,
    reportVersion,
    reached: { name: 'Dr Grey', role: 'ordering-clinician' },
    readBack,
    calledAt,
    recordedBy: TECH,
    recordedAt: calledAt,
    results: [potassium(6.8, 'HH')],
  },
];

/** The alert of report `reportVersion` ended by the correction `byReportVersion`. */
export const alertSuperseded = (labOrderId: string, reportVersion: number, byReportVersion: number, supersededAt: string): Entry => [
  'CriticalAlertSuperseded',
  { alertId: `${labOrderId}.${reportVersion}`, byReportVersion, supersededAt },
];

/**
 * Ordered, a first specimen rejected, a second collected and received, potassium entered twice
 * (6.8 replacing 6.7), verified with a critical alert, called back (first unconfirmed, then read
 * back), then corrected to 5.0 and verified again.
 */
export const correctedOrder = (labOrderId: string): Entry[] => [
  placed(labOrderId, '2026-03-02T07:30:00.000Z'),
  collected('ACC-0001', '2026-03-02T07:40:00.000Z'),
  rejected('ACC-0001', '2026-03-02T07:50:00.000Z'),
  collected('ACC-0002', '2026-03-02T08:00:00.000Z'),
  received('ACC-0002', '2026-03-02T08:10:00.000Z'),
  entered('ACC-0002', 1, [potassium(6.7, 'HH'), sodium(140)], '2026-03-02T08:30:00.000Z'),
  entered('ACC-0002', 1, [potassium(6.8, 'HH')], '2026-03-02T08:31:00.000Z'),
  finalized(labOrderId, 'ACC-0002', 1, [potassium(6.8, 'HH'), sodium(140)], '2026-03-02T08:40:00.000Z'),
  criticalDetected(labOrderId, 1, [potassium(6.8, 'HH')], '2026-03-02T08:40:00.000Z'),
  callback(labOrderId, false, '2026-03-02T08:45:00.000Z'),
  callback(labOrderId, true, '2026-03-02T08:50:00.000Z'),
  entered('ACC-0002', 2, [potassium(5.0, 'N')], '2026-03-02T10:00:00.000Z', { correctionReason: 'Sample mix-up on the analyser' }),
  finalized(labOrderId, 'ACC-0002', 2, [potassium(5.0, 'N'), sodium(140)], '2026-03-02T10:10:00.000Z', {
    correctionReason: 'Sample mix-up on the analyser',
  }),
];

/** Collected, received, potassium 6.9 entered and verified: a critical alert nobody has answered yet. */
export const awaitingCallback = (labOrderId: string, orderedAt: string, accessionNumber: string, extra: object = {}): Entry[] => [
  placed(labOrderId, orderedAt, extra),
  collected(accessionNumber, '2026-03-02T08:00:00.000Z'),
  received(accessionNumber, '2026-03-02T08:10:00.000Z'),
  entered(accessionNumber, 1, [potassium(6.9, 'HH'), sodium(141)], '2026-03-02T08:30:00.000Z'),
  finalized(labOrderId, accessionNumber, 1, [potassium(6.9, 'HH'), sodium(141)], '2026-03-02T08:40:00.000Z'),
  criticalDetected(labOrderId, 1, [potassium(6.9, 'HH')], '2026-03-02T08:40:00.000Z'),
];

/**
 * A critical report corrected before anyone was reached, to another critical value: the correction
 * raises its own alert and supersedes the first, as Laboratory appends them on verification.
 */
export const correctedBeforeCallback = (labOrderId: string, orderedAt: string, accessionNumber: string): Entry[] => [
  ...awaitingCallback(labOrderId, orderedAt, accessionNumber),
  entered(accessionNumber, 2, [potassium(7.2, 'HH')], '2026-03-02T09:00:00.000Z', { correctionReason: 'Wrong dilution' }),
  finalized(labOrderId, accessionNumber, 2, [potassium(7.2, 'HH'), sodium(141)], '2026-03-02T09:10:00.000Z', {
    correctionReason: 'Wrong dilution',
  }),
  criticalDetected(labOrderId, 2, [potassium(7.2, 'HH')], '2026-03-02T09:10:00.000Z'),
  alertSuperseded(labOrderId, 1, 2, '2026-03-02T09:10:00.000Z'),
];
