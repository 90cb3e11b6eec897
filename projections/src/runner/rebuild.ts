import type { DocumentCollection, EventStore, ReadStore } from '@hcms/shared-kernel';
import type { Projection } from './projection.js';
import type { ReadModelCollections } from './read-model-collections.js';

export interface RebuildDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly collections: ReadModelCollections;
}

export interface RebuildProgress {
  readonly phase: 'replaying' | 'swapping' | 'catching-up' | 'done';
  readonly position: number;
  readonly head: number;
  readonly events: number;
}

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

/**
 * Replays the log after `from` into `target`. Documents stay in memory across batches and are
 * written once, in bulk, at the end (or when the cache is full): a replay is mostly inserts.
 */
const replayInto = async <Doc>(
  projection: Projection<Doc>,
  store: EventStore,
  target: DocumentCollection<Doc>,
  from: number,
  fresh: boolean,
  progress: (position: number, events: number) => void,
): Promise<number> => {
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
  let position = from;
  let events = 0;
  let spilled = false;
  for (;;) {
    const batch = await store.readAll({ after: position, maxCount: BATCH });
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
    progress(position, events);
  }
  await flush([...cache]);
  return position;
};

/**
 * Rebuilds a read model from the whole log into a fresh collection and swaps it in, while the old
 * one keeps answering queries. After the swap it waits for every process to see it, then applies
 * what arrived meanwhile (versions make applying twice harmless) and drops the old collection.
 */
export const rebuildProjection = async <Doc>(
  projection: Projection<Doc>,
  deps: RebuildDeps,
  onProgress: (progress: RebuildProgress) => void = () => {},
): Promise<{ collection: string; events: number }> => {
  const head = await deps.store.headPosition();
  const generation = Date.now();
  const collection = `${projection.name}__${generation.toString(36)}`;
  const target = await deps.readStore.collection<Doc>(collection, projection.indexes);
  let events = 0;
  const report = (phase: RebuildProgress['phase']) => (position: number, n: number) =>
    onProgress({ phase, position, head: Math.max(head, position), events: (events = n) });
  const replayed = await replayInto(projection, deps.store, target, 0, true, report('replaying'));
  const total = events;
  const previous = await deps.collections.physicalName(projection.name);
  onProgress({ phase: 'swapping', position: replayed, head: replayed, events: total });
  await deps.collections.swap(projection.name, collection, generation);
  await new Promise((resolve) => setTimeout(resolve, deps.collections.ttlMs * 2 + 100));
  const final = await replayInto(projection, deps.store, target, replayed, false, report('catching-up'));
  if (previous !== collection) await deps.readStore.drop(previous);
  onProgress({ phase: 'done', position: final, head: final, events: total + events });
  return { collection, events: total + events };
};
