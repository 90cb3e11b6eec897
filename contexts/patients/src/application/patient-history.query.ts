import type { EventStore, Role, StoredEvent } from '@hcms/shared-kernel';
import { patientStream } from '../contract.js';

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
 * Other patients' ids a record carries (the possible duplicates flagged at registration):
 * staff need them to merge records; the patient must never learn whom they were matched with.
 */
const withoutOtherPatients = (data: unknown): unknown => {
  if (typeof data !== 'object' || data === null || !('possibleDuplicateOf' in data)) return data;
  const { possibleDuplicateOf: _hidden, ...rest } = data as Record<string, unknown>;
  return rest;
};

/**
 * A patient's record as the event log holds it, oldest first: the audit trail.
 * `asOf` answers "what had the system been told by then" (by recordedAt). Other patients' ids
 * are shown only to a staff `viewer`: when none is named, they are left out.
 */
export const patientHistory =
  (store: EventStore) =>
  async (patientId: string, asOf?: string, viewer?: Role): Promise<readonly HistoryEntry[] | undefined> => {
    const events = await store.readStream(patientStream(patientId));
    if (events.length === 0) return undefined;
    const cutoff = asOf === undefined ? Infinity : Date.parse(asOf);
    const staff = viewer !== undefined && viewer !== 'patient';
    return events
      .filter((e) => Date.parse(e.recordedAt) <= cutoff)
      .map((e) => ({
        position: e.position,
        version: e.version,
        type: e.type,
        recordedAt: e.recordedAt,
        actor: e.metadata.actor,
        correlationId: e.metadata.correlationId,
        data: staff ? e.data : withoutOtherPatients(e.data),
      }));
  };
