import type { Clock, EventStore } from '@hcms/shared-kernel';
import { checkpointFully, openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';

const BATCH = 1000;

/** The clock of the new log: each event keeps the time it was first recorded. */
class RecordedAt implements Clock {
  at = new Date(0);
  now(): Date {
    return this.at;
  }
}

/**
 * Copies a log into a new SQLite file, every event read as the platform reads it (personal
 * fields opened, or their stand-ins for an erased patient) and appended through `encrypting`'s
 * policy and keys, so events written before encryption existed are encrypted in the copy. Ids,
 * streams, versions, recorded times and metadata are kept; positions are the new log's, and it is
 * a new log (its own id): read models and the seal start over on it.
 */
export const reencryptLog = async (
  from: EventStore,
  to: string,
  encrypting: (log: EventStore) => EventStore,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<number> => {
  const clock = new RecordedAt();
  const db = openDatabase(to, 'normal'); // one fsync at the end, not one per event
  const target = encrypting(new SqliteEventStore(db, clock));
  if ((await target.headPosition()) > 0) throw new Error(`${to} already holds events: the copy goes into a new file`);
  const total = await from.headPosition();
  let copied = 0;
  for (let after = 0; ;) {
    const batch = await from.readAll({ after, maxCount: BATCH });
    for (const event of batch) {
      clock.at = new Date(event.recordedAt);
      await target.append(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], 'any');
      copied += 1;
    }
    onProgress(batch.at(-1)?.position ?? total, total);
    if (batch.length < BATCH) break;
    after = batch.at(-1)?.position ?? after;
  }
  db.pragma('synchronous = FULL');
  await checkpointFully(db);
  await target.close();
  return copied;
};
