import { wireType, type EventStore, type Role, type StoredEvent } from '@hcms/shared-kernel';
import { hideOtherPatientsFrom, patientEvents, patientStream } from '../contract.js';

const ERASED = wireType(patientEvents, 'PatientErased');

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
  async (patientId: string, viewer: Role, asOf?: string): Promise<readonly HistoryEntry[] | 'erased' | undefined> => {
    const events = await store.readStream(patientStream(patientId));
    if (events.length === 0) return undefined;
    // Erased: what is left (ids, times, stand-ins) is no one's to read but compliance's, in an export.
    if (events.at(-1)?.type === ERASED) return 'erased';
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
