import type { PatientDetail } from './patient-detail.projection.js';

/** How often a patient's chart is kept while it is folded: a cut then reads at most this many events. */
export const SNAPSHOT_EVERY = 250;

export interface ChartSnapshot {
  readonly doc: PatientDetail;
  readonly version: number;
  readonly position: number;
  /** The latest time any event folded in was recorded (ms): a cut by time at or after it holds them all. */
  readonly recordedUpTo: number;
}

/**
 * Charts folded before, every `SNAPSHOT_EVERY` versions of a patient's stream, for the patients
 * read as of a past moment most recently. The log never changes what it holds up to a version, so
 * a snapshot never goes stale; the oldest patients are forgotten to bound memory.
 */
export class ChartSnapshots {
  private readonly byPatient = new Map<string, ChartSnapshot[]>();

  constructor(private readonly maxPatients = 200) {}

  /** The latest snapshot inside the cut (at or before each bound it gives). */
  latestWithin(patientId: string, cut: { readonly version?: number; readonly position?: number; readonly recordedBy?: number }) {
    const snapshots = this.byPatient.get(patientId);
    if (!snapshots) return undefined;
    // Most recently used last: the map's order is the eviction order.
    this.byPatient.delete(patientId);
    this.byPatient.set(patientId, snapshots);
    for (let i = snapshots.length - 1; i >= 0; i--) {
      const s = snapshots[i];
      if (!s) continue;
      const inside =
        s.version <= (cut.version ?? Infinity) &&
        s.position <= (cut.position ?? Infinity) &&
        s.recordedUpTo <= (cut.recordedBy ?? Infinity);
      if (inside) return s;
    }
    return undefined;
  }

  keep(patientId: string, snapshot: ChartSnapshot): void {
    const snapshots = this.byPatient.get(patientId) ?? [];
    if (snapshots.some((s) => s.version === snapshot.version)) return;
    snapshots.push(snapshot);
    snapshots.sort((a, b) => a.version - b.version);
    this.byPatient.set(patientId, snapshots);
    if (this.byPatient.size > this.maxPatients) this.byPatient.delete(this.byPatient.keys().next().value ?? '');
  }
}
