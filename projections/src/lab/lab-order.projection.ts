import * as t from 'io-ts';
import { ERASED_TEXT, toDomainEvent, wireType } from '@hcms/shared-kernel';
import {
  labOrderEvents,
  laboratoryPersonalData,
  ReachedRole,
  type AnalyteResult,
  type LabOrderEvent,
  type LabOrderEventOf,
} from '@hcms/laboratory/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';
import {
  PRIORITY_RANK,
  type CriticalAlert,
  type CriticalCallback,
  type LabOrderDoc,
  type LabReport,
  type RejectedSpecimen,
} from './lab-order.doc.js';

type Data<T extends LabOrderEvent['type']> = LabOrderEventOf<T>['data'];

const placed = (d: Data<'LabOrderPlaced'>): LabOrderDoc => ({
  labOrderId: d.labOrderId,
  patientId: d.patientId,
  orderingClinicianId: d.orderingClinicianId,
  source: d.source,
  status: 'ordered',
  priority: d.priority,
  priorityRank: PRIORITY_RANK[d.priority],
  specimenType: d.specimenType,
  tests: d.tests,
  analytes: d.analytes,
  orderedAt: d.orderedAt,
  ...(d.note === undefined ? {} : { note: d.note }),
  rejections: [],
  reports: [],
  criticalAlerts: [],
  openCriticalAlert: false,
});

const byCode = (before: readonly AnalyteResult[], entered: readonly AnalyteResult[]): AnalyteResult[] => {
  const results = [...before];
  for (const r of entered) {
    const at = results.findIndex((b) => b.code === r.code);
    if (at === -1) results.push(r);
    else results[at] = r;
  }
  return results;
};

/** The report a version's results go into: its own, or a new one that starts as a copy of the last verified. */
const reportFor = (doc: LabOrderDoc, d: Data<'ResultsEntered'>): LabReport => {
  const open = doc.reports.find((r) => r.reportVersion === d.reportVersion);
  if (open) return open;
  const verified = doc.reports.filter((r) => r.status !== 'pending').at(-1);
  return {
    reportVersion: d.reportVersion,
    status: 'pending',
    accessionNumber: d.accessionNumber,
    ...(doc.specimen === undefined ? {} : { collectedAt: doc.specimen.collectedAt }),
    results: verified?.results ?? [],
    enteredBy: [],
  };
};

const withReport = (doc: LabOrderDoc, report: LabReport): readonly LabReport[] =>
  [...doc.reports.filter((r) => r.reportVersion !== report.reportVersion), report].sort((a, b) => a.reportVersion - b.reportVersion);

const entered = (doc: LabOrderDoc, d: Data<'ResultsEntered'>): LabOrderDoc => {
  const report = reportFor(doc, d);
  const next: LabReport = {
    ...report,
    results: byCode(report.results, d.results),
    enteredBy: report.enteredBy.includes(d.enteredBy) ? report.enteredBy : [...report.enteredBy, d.enteredBy],
    ...(d.correctionReason === undefined ? {} : { correctionReason: d.correctionReason }),
  };
  return { ...doc, status: d.reportVersion > 1 ? 'correction-pending' : 'resulted', reports: withReport(doc, next) };
};

const finalized = (doc: LabOrderDoc, d: Data<'LabResultFinalized'>): LabOrderDoc => {
  const report: LabReport = {
    reportVersion: d.reportVersion,
    status: d.status,
    accessionNumber: d.accessionNumber,
    collectedAt: d.collectedAt,
    results: d.results,
    enteredBy: d.enteredBy,
    verifiedBy: d.verifiedBy,
    finalizedAt: d.finalizedAt,
    ...(d.correctionReason === undefined ? {} : { correctionReason: d.correctionReason }),
  };
  return { ...doc, status: d.status, reports: withReport(doc, report) };
};

/** The alerts, with the flag the worklist's index reads kept in step with them. */
const withAlerts = (doc: LabOrderDoc, criticalAlerts: readonly CriticalAlert[]): LabOrderDoc => ({
  ...doc,
  criticalAlerts,
  openCriticalAlert: criticalAlerts.some((a) => a.status === 'open'),
});

const changeAlert = (doc: LabOrderDoc, alertId: string, change: (a: CriticalAlert) => CriticalAlert): LabOrderDoc =>
  withAlerts(
    doc,
    doc.criticalAlerts.map((a) => (a.alertId === alertId ? change(a) : a)),
  );

/** Every call is kept; only a read-back closes the alert, and only one still open. */
const called = (doc: LabOrderDoc, d: Data<'CriticalCallbackRecorded'>): LabOrderDoc => {
  const { reached, readBack, calledAt, recordedBy, recordedAt } = d;
  return changeAlert(doc, d.alertId, (a) => ({
    ...a,
    callbacks: [...a.callbacks, { reached, readBack, calledAt, recordedBy, recordedAt }],
    status: readBack && a.status === 'open' ? 'closed' : a.status,
  }));
};

/** A corrected report replaced the one an open alert was about: that alert ends unanswered, by the correction. */
const superseded = (doc: LabOrderDoc, d: Data<'CriticalAlertSuperseded'>): LabOrderDoc =>
  changeAlert(doc, d.alertId, (a) =>
    a.status === 'open' ? { ...a, status: 'superseded', superseded: { byReportVersion: d.byReportVersion, at: d.supersededAt } } : a,
  );

const Reached = t.type({ name: t.string, role: ReachedRole });
const reachedStandIn = laboratoryPersonalData[wireType(labOrderEvents, 'CriticalCallbackRecorded')]?.['reached'];

/**
 * Whom a call reached, as the log reads it once the patient's key is destroyed: the stand-in of
 * Laboratory's personal-data policy (the name, perhaps a relative's, goes), so live and rebuilt agree.
 */
const erasedReached = (reached: CriticalCallback['reached']): CriticalCallback['reached'] =>
  Reached.is(reachedStandIn) ? reachedStandIn : { ...reached, name: ERASED_TEXT };

/**
 * Its patient was erased: the words people wrote about them, every value of theirs and the names of
 * those told of their critical values go, as they go from the log (Laboratory's personal-data
 * policy), so a rebuilt read model holds the same. The tests ordered and the workflow's times stay.
 */
const erasedView = (doc: LabOrderDoc): LabOrderDoc => {
  const { note: _note, cancelled, ...kept } = doc;
  return {
    ...kept,
    ...(cancelled ? { cancelled: { by: cancelled.by, at: cancelled.at } } : {}),
    rejections: doc.rejections.map(({ note: _n, ...rejection }) => rejection),
    reports: doc.reports.map(({ correctionReason: _c, ...report }) => ({ ...report, results: [] })),
    criticalAlerts: doc.criticalAlerts.map((a) => ({
      ...a,
      results: [],
      callbacks: a.callbacks.map((c) => ({ ...c, reached: erasedReached(c.reached) })),
    })),
    erased: true,
  };
};

export const evolveLabOrder = (doc: LabOrderDoc | null, e: LabOrderEvent): LabOrderDoc | null => {
  if (e.type === 'LabOrderPlaced') return doc ?? placed(e.data);
  if (doc === null) return null;
  switch (e.type) {
    case 'SpecimenCollected': {
      const { accessionNumber, specimenType, collectorId, collectedAt } = e.data;
      return { ...doc, status: 'collected', accessionNumber, specimen: { accessionNumber, specimenType, collectorId, collectedAt } };
    }
    case 'SpecimenReceived': {
      const { receivedBy, receivedAt } = e.data;
      return doc.specimen ? { ...doc, status: 'received', specimen: { ...doc.specimen, receivedBy, receivedAt } } : doc;
    }
    case 'SpecimenRejected': {
      const { reason, note, rejectedBy, rejectedAt } = e.data;
      if (!doc.specimen) return doc;
      const rejected: RejectedSpecimen = { ...doc.specimen, reason, ...(note === undefined ? {} : { note }), rejectedBy, rejectedAt };
      return { ...doc, status: 'recollect', rejections: [...doc.rejections, rejected] };
    }
    case 'ResultsEntered':
      return entered(doc, e.data);
    case 'LabResultFinalized':
      return finalized(doc, e.data);
    case 'CriticalResultDetected': {
      const { alertId, reportVersion, results, detectedAt } = e.data;
      if (doc.criticalAlerts.some((a) => a.alertId === alertId)) return doc;
      const alert: CriticalAlert = { alertId, reportVersion, results, detectedAt, status: 'open', callbacks: [] };
      return withAlerts(doc, [...doc.criticalAlerts, alert]);
    }
    case 'CriticalCallbackRecorded':
      return called(doc, e.data);
    case 'CriticalAlertSuperseded':
      return superseded(doc, e.data);
    case 'LabOrderCancelled': {
      const { cancelledBy: by, cancelledAt: at, reason } = e.data;
      return { ...doc, status: 'cancelled', cancelled: { by, at, ...(reason === undefined ? {} : { reason }) } };
    }
    case 'LabOrderDetailsErased':
      return erasedView(doc);
  }
};

export const labOrderProjection: Projection<LabOrderDoc> = {
  name: 'lab-orders',
  indexes: [
    // A patient's orders; the laboratory's worklist by status, STAT first then oldest, and the values
    // still waiting for a call whatever the order's status; an analyser's result by its specimen.
    { fields: ['patientId', 'orderedAt'] },
    { fields: ['status', 'priorityRank', 'orderedAt'] },
    { fields: ['openCriticalAlert', 'priorityRank', 'orderedAt'] },
    { fields: ['accessionNumber'] },
  ],
  documentOf: documentPerStream('labOrder-'),
  evolve: (doc, event) => evolveLabOrder(doc, toDomainEvent(labOrderEvents, event)),
};
