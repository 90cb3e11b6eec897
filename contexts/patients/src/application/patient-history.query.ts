import type { EventStore, Role, StoredEvent } from '@hcms/shared-kernel';
import { hideOtherPatientsFrom, patientStream } from '../contract.js';

export interface HistoryEntry {
  readonly position: number;
  readonly version: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor: StoredEvent['metadata']['actor'];
  readonly correlationId: string;
  readonly data: unknown;
}

/**
 * A patient's record as the event log holds it, oldest first: the audit trail.
 * `asOf` answers "what had the system been told by then" (by recordedAt). Other patients' ids
 * are left out when the `viewer` is a patient.
 */
export const patientHistory =
  (store: EventStore) =>
  async (patientId: string, viewer: Role, asOf?: string): Promise<readonly HistoryEntry[] | undefined> => {
    const events = await store.readStream(patientStream(patientId));
    if (events.length === 0) return undefined;
    const cutoff = asOf === undefined ? Infinity : Date.parse(asOf);
    return events
      .filter((e) => Date.parse(e.recordedAt) <= cutoff)
      .map((e) => ({
        position: e.position,
        version: e.version,
        type: e.type,
        recordedAt: e.recordedAt,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        data: hideOtherPatientsFrom(viewer, e.data),
      }));
  };
