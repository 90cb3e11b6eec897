import { type EventStore, type ReadStore, type SubscriptionStore } from '@hcms/shared-kernel';
import type { Projection } from './projection.js';
import { projectionSubscription } from './projection-runner.js';
import type { ReadModelCollections } from './read-model-collections.js';
import { replayInto } from './replay.js';

export interface RebuildDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly collections: ReadModelCollections;
  readonly records: SubscriptionStore;
}

export interface RebuildProgress {
  readonly phase: 'replaying' | 'handing over' | 'done';
  readonly position: number;
  readonly head: number;
  readonly events: number;
}

export interface RebuildOptions {
  /**
   * How long to wait for the running projector to take the rebuilt collection over. `0`: no
   * projector is running (maintenance, benchmarks), so the collection is put in place directly.
   */
  readonly handOverTimeoutMs?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export type RebuildResult =
  | { readonly outcome: 'swapped'; readonly collection: string; readonly events: number }
  /** No projector took it within the timeout: it will when one runs (the request is durable). */
  | { readonly outcome: 'pending'; readonly collection: string; readonly events: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rebuilds a read model from the whole log into a fresh collection, while the old one keeps
 * answering queries. The projector that keeps the read model is the only writer: it is handed the
 * fresh collection, brings it level with what it has applied, writes there from then on and points
 * readers at it — so no event applied during the rebuild is missed, and reads that wait for a
 * position read the collection that has it. The old collection is dropped once every process
 * has seen the swap.
 */
export const rebuildProjection = async <Doc>(
  projection: Projection<Doc>,
  deps: RebuildDeps,
  options: RebuildOptions = {},
): Promise<RebuildResult> => {
  const head = await deps.store.headPosition();
  const generation = Date.now();
  const collection = `${projection.name}__${generation.toString(36)}`;
  const subscription = projectionSubscription(projection.name);
  const report = options.onProgress ?? (() => {});
  // Indexed after the replay: loaded into bare documents, each insert would update every index.
  const target = await deps.readStore.collection<Doc>(collection);
  let events = 0;
  const replayed = await replayInto(projection, deps.store, target, {
    from: 0,
    fresh: true,
    onProgress: (position, n) => report({ phase: 'replaying', position, head: Math.max(head, position), events: (events = n) }),
  });
  await deps.readStore.collection<Doc>(collection, projection.indexes);
  const previous = (await deps.records.load(subscription))?.collection ?? (await deps.collections.physicalName(projection.name));
  report({ phase: 'handing over', position: replayed, head: replayed, events });

  const timeout = options.handOverTimeoutMs ?? 60_000;
  if (timeout === 0) {
    // Nothing else writes the read model: the replay is its whole state, parked events included.
    await deps.records.save(subscription, { position: replayed, parked: [], collection, updatedAt: new Date().toISOString() });
    await deps.collections.swap(projection.name, collection, generation);
  } else {
    await deps.records.request(subscription, { kind: 'adopt-collection', collection, position: replayed });
    const deadline = Date.now() + timeout;
    while ((await deps.records.load(subscription))?.collection !== collection) {
      if (Date.now() > deadline) return { outcome: 'pending', collection, events };
      await sleep(100);
    }
  }
  // Readers cache where a read model lives for ttlMs: let every one of them move before dropping.
  await sleep(deps.collections.ttlMs * 2 + 100);
  if (previous !== collection) await deps.readStore.drop(previous);
  report({ phase: 'done', position: replayed, head: replayed, events });
  return { outcome: 'swapped', collection, events };
};
