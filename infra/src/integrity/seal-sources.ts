import type { AuditEntry, AuditLog, EventStore, StoredEvent } from '@hcms/shared-kernel';
import { patientOf } from '../privacy/shredding-event-store.js';
import { auditEntryBytes, envelopeBytes } from './envelope-leaf.js';

/** An entry of a sealed log: the bytes its leaf is hashed over, and what an export filters it by. */
export interface SealEntry {
  /** Where it sits in its log: the event's global position, the audit entry's sequence number. */
  readonly position: number;
  readonly bytes: Buffer;
  readonly recordedAt: string;
  /** The patients it is about. */
  readonly patientIds: readonly string[];
}

/** A log the sealer follows and an export reads: one reading of it, so both hash the same bytes. */
export interface SealSource {
  /** Names this log for life (the event log's id); undefined while it is empty. */
  identity(): Promise<string | undefined>;
  /** The position of its newest entry. */
  head(): Promise<number>;
  /** Up to `limit` entries after `after`, in order. */
  page(after: number, limit: number): Promise<readonly SealEntry[]>;
  /** Hands every entry after `after` to `seal`, in order and one batch at a time, until stopped. */
  follow(
    after: number,
    seal: (entries: readonly SealEntry[]) => Promise<void>,
    onError: (error: unknown) => void,
  ): { stop(): Promise<void> };
}

const eventEntry = (event: StoredEvent): SealEntry => {
  const patientId = patientOf(event.streamId, event.metadata);
  return { position: event.position, bytes: envelopeBytes(event), recordedAt: event.recordedAt, patientIds: patientId ? [patientId] : [] };
};

const auditEntry = (entry: AuditEntry): SealEntry => ({
  position: entry.sequence,
  bytes: auditEntryBytes(entry),
  recordedAt: entry.recordedAt,
  patientIds: entry.patientIds,
});

/** The event log as stored (personal fields encrypted), followed by a catch-up subscription. */
export const eventLogSource = (store: EventStore): SealSource => ({
  identity: () => store.logId(),
  head: () => store.headPosition(),
  page: async (after, limit) => (await store.readAll({ after, maxCount: limit })).map(eventEntry),
  follow: (after, seal, onError) => store.subscribeToAll((batch) => seal(batch.map(eventEntry)), { after, batchSize: 1000, onError }),
});

/**
 * The audit log, polled: its entries are written by every process that answers requests. Its
 * identity is its first entry's id, so a file put in its place is not taken for the same log.
 */
export const auditLogSource = (log: AuditLog, pollMs: number): SealSource => {
  const page = async (after: number, limit: number) => (await log.find({ after, limit })).map(auditEntry);
  return {
    identity: async () => (await log.find({ limit: 1 }))[0]?.auditId,
    head: async () => (await log.find({ limit: 1, newestFirst: true }))[0]?.sequence ?? 0,
    page,
    follow: (after, seal, onError) => {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let wake = () => {};
      const run = async () => {
        let position = after;
        while (!stopped) {
          const entries = await page(position, 1000);
          if (entries.length > 0) {
            await seal(entries);
            position = entries.at(-1)?.position ?? position;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, pollMs);
          });
        }
      };
      const running = run().catch(onError);
      return {
        stop: async () => {
          stopped = true;
          clearTimeout(timer);
          wake();
          await running;
        },
      };
    },
  };
};

/** Each sealed log's source. */
export const sealSources = (store: EventStore, auditLog: AuditLog, pollMs: number) => ({
  events: eventLogSource(store),
  audit: auditLogSource(auditLog, pollMs),
});
