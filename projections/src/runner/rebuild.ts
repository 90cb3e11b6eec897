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

/** Replays the log after `from` into `target`, a batch at a time, documents written in bulk. */
const replayInto = async <Doc>(
  projection: Projection<Doc>,
  store: EventStore,
  target: DocumentCollection<Doc>,
  from: number,
  progress: (position: number, events: number) => void,
): Promise<number> => {
  let position = from;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ after: position, maxCount: BATCH });
    if (batch.length === 0) return position;
    const touched = new Map<string, { doc: Doc | null; version: number }>();
    for (const event of batch) {
      const id = projection.documentOf(event);
      if (id === undefined) continue;
      const current = touched.get(id) ??
        (await target.get(id).then((d) => d && { doc: d.doc, version: d.version })) ?? { doc: null, version: 0 };
      if (current.version >= event.version) continue;
      touched.set(id, { doc: projection.evolve(current.doc, event), version: event.version });
    }
    await target.putMany([...touched].map(([id, { doc, version }]) => ({ id, doc, version })));
    position = batch[batch.length - 1]?.position ?? position;
    events += batch.length;
    progress(position, events);
  }
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
  const replayed = await replayInto(projection, deps.store, target, 0, report('replaying'));
  const total = events;
  const previous = await deps.collections.physicalName(projection.name);
  onProgress({ phase: 'swapping', position: replayed, head: replayed, events: total });
  await deps.collections.swap(projection.name, collection, generation);
  await new Promise((resolve) => setTimeout(resolve, deps.collections.ttlMs * 2 + 100));
  const final = await replayInto(projection, deps.store, target, replayed, report('catching-up'));
  if (previous !== collection) await deps.readStore.drop(previous);
  onProgress({ phase: 'done', position: final, head: final, events: total + events });
  return { collection, events: total + events };
};
