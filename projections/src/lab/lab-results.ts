import type { Role } from '@hcms/shared-kernel';
import type { AnalyteResult, AppliedRange, Comparator, Flag } from '@hcms/laboratory/contract';
import { versionsAwaitingCallback, type LabOrderDoc, type LabReport } from './lab-order.doc.js';

/** One result of a verified report, as a cumulative report plots it. */
export interface LabResultPoint {
  /** A number in `unit`, a coded answer's display (`answer` is its code), or a text result. */
  readonly value: number | string;
  readonly comparator?: Comparator;
  readonly unit?: string;
  readonly answer?: string;
  readonly flag?: Flag;
  readonly critical: boolean;
  readonly range?: AppliedRange;
  readonly collectedAt: string;
  readonly labOrderId: string;
  readonly reportVersion: number;
  /** From a corrected report (it replaced the one first verified). */
  readonly corrected: boolean;
}

/** One LOINC code's results over time, oldest first. */
export interface LabResultSeries {
  readonly code: string;
  readonly name: string;
  readonly points: readonly LabResultPoint[];
}

/** A code's latest result, as a chart shows it. */
export type LatestLabResult = LabResultPoint & { readonly code: string; readonly name: string };

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The report that stands: the last one verified (a correction replaces the earlier), never one pending. */
export const standingReport = (doc: LabOrderDoc): LabReport | undefined => doc.reports.filter((r) => r.status !== 'pending').at(-1);

const valueOf = ({ value }: AnalyteResult): Pick<LabResultPoint, 'value' | 'comparator' | 'unit' | 'answer'> => {
  switch (value.kind) {
    case 'numeric':
      return { value: value.value, unit: value.unit, ...(value.comparator === undefined ? {} : { comparator: value.comparator }) };
    case 'coded':
      return { value: value.display, answer: value.code };
    case 'text':
      return { value: value.text };
  }
};

const pointOf = (doc: LabOrderDoc, report: LabReport, r: AnalyteResult): LabResultPoint => ({
  ...valueOf(r),
  ...(r.flag === undefined ? {} : { flag: r.flag }),
  critical: r.critical,
  ...(r.range === undefined ? {} : { range: r.range }),
  collectedAt: report.collectedAt ?? report.finalizedAt ?? doc.orderedAt,
  labOrderId: doc.labOrderId,
  reportVersion: report.reportVersion,
  corrected: report.status === 'corrected',
});

const byTime = (a: LabResultPoint, b: LabResultPoint): number =>
  compare(a.collectedAt, b.collectedAt) || compare(a.labOrderId, b.labOrderId) || a.reportVersion - b.reportVersion;

/**
 * A patient's results per LOINC code (only `code`'s when given), from the standing report of each
 * order: a corrected value replaces the first one, and results not yet verified never show.
 */
export const cumulativeResults = (orders: readonly LabOrderDoc[], code?: string): LabResultSeries[] => {
  const series = new Map<string, { name: string; points: LabResultPoint[] }>();
  for (const doc of orders) {
    const report = standingReport(doc);
    for (const r of report?.results ?? []) {
      if (!report || (code !== undefined && r.code !== code)) continue;
      const entry = series.get(r.code) ?? series.set(r.code, { name: r.name, points: [] }).get(r.code);
      entry?.points.push(pointOf(doc, report, r));
    }
  }
  return [...series]
    .map(([c, { name, points }]) => ({ code: c, name, points: points.sort(byTime) }))
    .sort((a, b) => compare(a.name, b.name) || compare(a.code, b.code));
};

/** The latest verified result of each LOINC code, by when its specimen was collected. */
export const latestLabResults = (orders: readonly LabOrderDoc[]): LatestLabResult[] =>
  cumulativeResults(orders).flatMap(({ code, name, points }) => {
    const latest = points.at(-1);
    return latest ? [{ code, name, ...latest }] : [];
  });

/**
 * Whether a reader in `role` sees an order's standing report. A patient does not while its critical
 * values wait for a call; nor, meanwhile, the report it replaced (its values are no longer the order's).
 */
const standingShownTo =
  (role: Role) =>
  (doc: LabOrderDoc): boolean => {
    const report = standingReport(doc);
    return role !== 'patient' || report === undefined || !versionsAwaitingCallback(doc).has(report.reportVersion);
  };

/** The body of `GET /patients/:patientId/lab-results`, as a reader in `role` sees it. */
export const labResultsBody = (
  role: Role,
  patientId: string,
  orders: readonly LabOrderDoc[],
  code: string | undefined,
  position: number,
) => ({
  patientId,
  ...(code === undefined ? {} : { code }),
  series: cumulativeResults(orders.filter(standingShownTo(role)), code),
  position,
});
