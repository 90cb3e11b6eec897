import type { DocumentCollection, EventStore } from '@hcms/shared-kernel';
import type { Projection } from './projection.js';

const BATCH = 5000;
/** Documents kept in memory during a replay; beyond this the oldest are written out and dropped. */
const CACHE_LIMIT = 50_000;

interface Cached<Doc> {
  doc: Doc | null;
  version: number;
  /** Written to the target already (so a later write is an update, not an insert). */
  stored: boolean;
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
    const write = (list: [string, Cached<Doc>][], assumeNew: boolean) =>
      target.putMany(
        list.map(([id, c]) => ({ id, doc: c.doc, version: c.version })),
        { assumeNew },
      );
    await write(
      dirty.filter(([, c]) => !c.stored),
      fresh,
    );
    await write(
      dirty.filter(([, c]) => c.stored),
      false,
    );
    for (const [, c] of dirty) [c.stored, c.dirty] = [true, false];
  };
  let position = range.from;
  let events = 0;
  let spilled = false;
  while (position < until) {
    const batch = (await store.readAll({ after: position, maxCount: BATCH })).filter((e) => e.position <= until);
    if (batch.length === 0) break;
    for (const event of batch) {
      const id = projection.documentOf(event);
      if (id === undefined) continue;
      let current = cache.get(id);
      if (!current) {
        // A fresh collection holds nothing we have not cached, until the cache first spills.
        const stored = fresh && !spilled ? undefined : await target.get(id);
        current = { doc: stored?.doc ?? null, version: stored?.version ?? 0, stored: stored !== undefined, dirty: false };
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
