import type { EventStore, Role } from '@hcms/shared-kernel';
import { hideOtherPatientsFrom, patientStream } from '@hcms/patients/contract';
import { patientDetailProjection, type PatientDetail } from './patient-detail.projection.js';

/** How far into a patient's stream to read: at most this version, position or recorded time. */
export interface ChartCut {
  readonly version?: number;
  readonly position?: number;
  /** ISO 8601: events recorded at or before it. */
  readonly recordedBy?: string;
}

export interface ChartAsOf {
  readonly doc: PatientDetail;
  readonly version: number;
  /** The position of the last event folded in. */
  readonly position: number;
}

/**
 * The chart as the log held it at a cut: the patient-detail projection folded over the patient's
 * own stream, so it is the document the read model held at that version, whatever the read store
 * holds now (a rebuilt read model or later changes cannot alter it).
 */
export const chartFromLog = async (
  store: Pick<EventStore, 'readStream'>,
  patientId: string,
  cut: ChartCut,
): Promise<ChartAsOf | undefined> => {
  const events = await store.readStream(patientStream(patientId), cut.version === undefined ? {} : { maxCount: cut.version });
  const by = cut.recordedBy === undefined ? Infinity : Date.parse(cut.recordedBy);
  let chart: ChartAsOf | undefined;
  let doc: PatientDetail | null = null;
  for (const event of events) {
    if (event.position > (cut.position ?? Infinity) || Date.parse(event.recordedAt) > by) break;
    doc = patientDetailProjection.evolve(doc, event);
    chart = doc === null ? undefined : { doc, version: event.version, position: event.position };
  }
  return chart;
};

/** The body of `GET /patients/:patientId`: one function, so a reproduction answers what the route answered. */
export const chartBody = (
  role: Role,
  doc: PatientDetail,
  version: number,
  position: number,
  asOf: Readonly<Record<string, unknown>> = {},
) => ({
  ...hideOtherPatientsFrom(role, doc),
  version,
  position,
  ...asOf,
});
