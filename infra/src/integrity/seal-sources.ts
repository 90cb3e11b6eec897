import type { AuditLog, EventStore } from '@hcms/shared-kernel';
import { auditEntryBytes, envelopeBytes } from './envelope-leaf.js';

/** An entry of a log as the sealer hashes it. */
export interface SealEntry {
  /** Where it sits in its log: the event's global position, the audit entry's sequence number. */
  readonly position: number;
  readonly bytes: Buffer;
}

/** A log the sealer follows. */
export interface SealSource {
  /** Names this log for life (the event log's id); undefined while it is empty. */
  identity(): Promise<string | undefined>;
  /** The position of its newest entry. */
  head(): Promise<number>;
  /** Hands every entry after `after` to `seal`, in order and one batch at a time, until stopped. */
  follow(
    after: number,
    seal: (entries: readonly SealEntry[]) => Promise<void>,
    onError: (error: unknown) => void,
  ): { stop(): Promise<void> };
}

export const eventLogSource = (store: EventStore): SealSource => ({
  identity: () => store.logId(),
  head: () => store.headPosition(),
  follow: (after, seal, onError) =>
    store.subscribeToAll((batch) => seal(batch.map((event) => ({ position: event.position, bytes: envelopeBytes(event) }))), {
      after,
      batchSize: 1000,
      onError,
    }),
});

/**
 * The audit log, polled: its entries are written by every process that answers requests. Its
 * identity is its first entry's id, so a file put in its place is not taken for the same log.
 */
export const auditLogSource = (log: AuditLog, pollMs: number): SealSource => {
  const first = async () => (await log.find({ limit: 1 }))[0];
  return {
    identity: async () => (await first())?.auditId,
    head: async () => (await log.find({ limit: 1, newestFirst: true }))[0]?.sequence ?? 0,
    follow: (after, seal, onError) => {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let wake = () => {};
      const run = async () => {
        let position = after;
        while (!stopped) {
          const entries = await log.find({ after: position, limit: 1000 });
          if (entries.length > 0) {
            await seal(entries.map((entry) => ({ position: entry.sequence, bytes: auditEntryBytes(entry) })));
            position = entries.at(-1)?.sequence ?? position;
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
