import type { DocumentCollection, EventStore, StoredState } from '@hcms/shared-kernel';
import type { Projection } from './projection.js';

const BATCH = 5000;
/** Documents kept in memory during a replay; beyond this the oldest are written out and dropped. */
const CACHE_LIMIT = 50_000;

interface Cached<Doc> {
  doc: Doc | null;
  version: number;
  /** The version the target holds (0: nothing), so a write is an insert or an update without asking. */
  stored: number;
  dirty: boolean;
}

export interface ReplayRange {
  /** Replay events strictly after this position. */
  readonly from: number;
  /** Stop at this position (inclusive); default the head. */
  readonly until?: number;
  /** The target is a new, empty collection: documents not cached are not looked up. */
  readonly fresh?: boolean;
  readonly onProgress?: (position: number, events: number) => void;
}

/**
 * Replays part of the log into `target`. Documents stay in memory across batches and are written
 * once, in bulk, at the end (or when the cache is full): a replay is mostly inserts. Writes are
 * version-guarded, so replaying into a collection that has some of these events already is harmless.
 * Returns the last position replayed.
 */
export const replayInto = async <Doc>(
  projection: Projection<Doc>,
  store: Pick<EventStore, 'readAll'>,
  target: DocumentCollection<Doc>,
  range: ReplayRange,
): Promise<number> => {
  const fresh = range.fresh ?? false;
  const until = range.until ?? Infinity;
  const cache = new Map<string, Cached<Doc>>();
  const flush = async (entries: [string, Cached<Doc>][]) => {
    const dirty = entries.filter(([, c]) => c.dirty);
    await target.putMany(dirty.map(([id, c]) => ({ id, doc: c.doc, version: c.version, stored: c.stored })));
    for (const [, c] of dirty) [c.stored, c.dirty] = [c.version, false];
  };
  let position = range.from;
  let events = 0;
  let spilled = false;
  while (position < until) {
    const batch = (await store.readAll({ after: position, maxCount: BATCH })).filter((e) => e.position <= until);
    if (batch.length === 0) break;
    // What the target holds of documents not cached, in one query per batch; a fresh collection
    // holds nothing we have not cached, until the cache first spills.
    const unknown =
      fresh && !spilled ? [] : [...new Set(batch.flatMap((e) => projection.documentOf(e) ?? []))].filter((id) => !cache.has(id));
    const stored = unknown.length === 0 ? new Map<string, StoredState<Doc>>() : await target.getMany(unknown);
    for (const event of batch) {
      const id = projection.documentOf(event);
      if (id === undefined) continue;
      let current = cache.get(id);
      if (!current) {
        const found = stored.get(id);
        current = { doc: found?.doc ?? null, version: found?.version ?? 0, stored: found?.version ?? 0, dirty: false };
        cache.set(id, current);
      }
      if (current.version >= event.version) continue;
      [current.doc, current.version, current.dirty] = [projection.evolve(current.doc, event), event.version, true];
    }
    if (cache.size > CACHE_LIMIT) {
      const oldest = [...cache].slice(0, cache.size - CACHE_LIMIT / 2);
      await flush(oldest);
      for (const [id] of oldest) cache.delete(id);
      spilled = true;
    }
    position = batch[batch.length - 1]?.position ?? position;
    events += batch.length;
    range.onProgress?.(position, events);
  }
  await flush([...cache]);
  return position;
};
