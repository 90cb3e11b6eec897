import type { AnalyteResult, LabOrderEvent, LabOrderEventOf } from '@hcms/laboratory/contract';

/** A verified report, as its patient is told of it. */
export type FinalizedReport = LabOrderEventOf<'LabResultFinalized'>['data'];

/** A result the laboratory raises a critical alert for: marked critical, or beyond a critical limit. */
export const isCriticalResult = (result: AnalyteResult): boolean => result.critical || result.flag === 'HH' || result.flag === 'LL';

/** Closed: its read-back recorded, or the report it was about replaced by a corrected one. */
export const isAlertClosed = (history: readonly LabOrderEvent[], alertId: string): boolean =>
  history.some(
    (e) =>
      (e.type === 'CriticalCallbackRecorded' && e.data.alertId === alertId && e.data.readBack) ||
      (e.type === 'CriticalAlertSuperseded' && e.data.alertId === alertId),
  );

/**
 * The report the order's patient may be told of: its latest, once no critical alert on the order
 * is open. Until then nobody may have reached the clinician, and the patient hears nothing. An
 * earlier report is never the one: the patient is told of the report that replaced it.
 */
export const reportToTell = (history: readonly LabOrderEvent[]): FinalizedReport | undefined => {
  const reports = history.flatMap((e) => (e.type === 'LabResultFinalized' ? [e.data] : []));
  const open = history.some((e) => e.type === 'CriticalResultDetected' && !isAlertClosed(history, e.data.alertId));
  return open ? undefined : reports.at(-1);
};
