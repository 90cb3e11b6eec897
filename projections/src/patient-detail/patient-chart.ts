import type { EventStore, Role } from '@hcms/shared-kernel';
import { hideOtherPatientsFrom, patientStream } from '@hcms/patients/contract';
import { patientDetailProjection, type PatientDetail } from './patient-detail.projection.js';
import { SNAPSHOT_EVERY, type ChartSnapshots } from './chart-snapshots.js';

/** How far into a patient's stream to read: at most this version, position or recorded time. */
export interface ChartCut {
  readonly version?: number;
  readonly position?: number;
  /** ISO 8601: events recorded at or before it. */
  readonly recordedBy?: string | undefined;
}

export interface ChartAsOf {
  readonly doc: PatientDetail;
  readonly version: number;
  /** The position of the last event folded in. */
  readonly position: number;
}

/** Events read from the log at a time while folding. */
const PAGE = 1000;

/**
 * The chart as the log held it at a cut: the patient-detail projection folded over the patient's
 * own stream, so it is the document the read model held at that version, whatever the read store
 * holds now (a rebuilt read model or later changes cannot alter it). With `snapshots`, the fold
 * starts from the latest one inside the cut and leaves new ones behind.
 */
export const chartFromLog = async (
  store: Pick<EventStore, 'readStream'>,
  patientId: string,
  cut: ChartCut,
  snapshots?: ChartSnapshots,
): Promise<ChartAsOf | undefined> => {
  const by = cut.recordedBy === undefined ? Infinity : Date.parse(cut.recordedBy);
  const [maxVersion, maxPosition] = [cut.version ?? Infinity, cut.position ?? Infinity];
  const start = snapshots?.latestWithin(patientId, { ...cut, recordedBy: by });
  let chart: ChartAsOf | undefined = start && { doc: start.doc, version: start.version, position: start.position };
  let doc: PatientDetail | null = start?.doc ?? null;
  let version = start?.version ?? 0;
  let recordedUpTo = start?.recordedUpTo ?? -Infinity;
  for (;;) {
    const want = Math.min(PAGE, maxVersion - version);
    if (want <= 0) return chart;
    const page = await store.readStream(patientStream(patientId), { fromVersion: version + 1, maxCount: want });
    for (const event of page) {
      const recorded = Date.parse(event.recordedAt);
      if (event.position > maxPosition || recorded > by) return chart;
      try {
        doc = patientDetailProjection.evolve(doc, event);
      } catch {
        // An event the projection cannot read: the read model parks it and stops this chart there too.
        return chart;
      }
      [version, recordedUpTo] = [event.version, Math.max(recordedUpTo, recorded)];
      chart = doc === null ? undefined : { doc, version, position: event.position };
      if (doc !== null && version % SNAPSHOT_EVERY === 0)
        snapshots?.keep(patientId, { doc, version, position: event.position, recordedUpTo });
    }
    if (page.length < want) return chart;
  }
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
