import {
  DurableSubscription,
  type DocumentCollection,
  type DurableSubscriptionDeps,
  type DurableSubscriptionOptions,
  type Blocks,
  type Reactor,
  type ReadStore,
  type StoredEvent,
  type SubscriptionRequest,
  type WaitOutcome,
} from '@hcms/shared-kernel';
import type { ReadModelCollections } from './read-model-collections.js';
import type { Projection } from './projection.js';
import { replayInto } from './replay.js';

export interface RunnerDeps extends DurableSubscriptionDeps {
  readonly store: DurableSubscriptionDeps['store'] & Parameters<typeof replayInto>[1];
  readonly readStore: ReadStore;
  /** Where readers look for the read model's documents (a rebuild may move them). */
  readonly collections: ReadModelCollections;
}

const UNCHANGED_MEMORY = 100_000;

/** A projection's subscription is named after it: `projection.<read model>`. */
export const projectionSubscription = (readModel: string): string => `projection.${readModel}`;

/**
 * Keeps one read model up to date as a durable subscription. Each document remembers the stream
 * version it reflects: an event at or below it is a duplicate and is dropped; an event beyond the
 * next version means earlier ones were parked or replayed out of order, and the missing ones are
 * read from the event store first. So nothing is applied twice, nothing is skipped, and per-stream
 * order holds. An event that leaves a document unchanged is not written (the read store is the
 * expensive part); the runner remembers having seen it, for the collection it saw it in.
 */
export class ProjectionRunner<Doc> implements Reactor {
  readonly name: string;
  private readonly subscription: DurableSubscription;
  private target?: { readonly name: string; readonly docs: DocumentCollection<Doc> };
  /** Documents whose later events changed nothing, and the version seen (bounded, most recent kept). */
  private readonly unchangedUpTo = new Map<string, number>();

  constructor(
    readonly projection: Projection<Doc>,
    private readonly deps: RunnerDeps,
    options: DurableSubscriptionOptions = {},
  ) {
    this.name = projectionSubscription(projection.name);
    this.subscription = new DurableSubscription(this, deps, options);
  }

  get readModel(): string {
    return this.projection.name;
  }

  /** Global position of the last event this read model has taken into account; never past a parked one. */
  get applied(): number {
    return this.subscription.applied;
  }

  get status() {
    return { ...this.subscription.status, collection: this.target?.name };
  }

  /** The collection this runner writes: what a read that waited for a position must look at. */
  get collection(): string | undefined {
    return this.target?.name;
  }

  async start(): Promise<void> {
    const recorded = (await this.deps.records.load(this.name))?.collection;
    const aliased = await this.deps.collections.physicalName(this.projection.name);
    // The alias moves before the record is saved, and the request that moved it is completed only
    // after: a crash in between takes the request again. Until then the record says where this writes.
    if (recorded && recorded !== aliased) await this.deps.collections.swap(this.projection.name, recorded, Date.now());
    await this.writeTo(recorded ?? aliased);
    await this.subscription.start();
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  waitFor(position: number, timeoutMs: number, blocks?: Blocks): Promise<WaitOutcome> {
    return this.subscription.waitFor(position, timeoutMs, blocks);
  }

  describe() {
    return this.target ? { collection: this.target.name } : {};
  }

  async handle(events: readonly StoredEvent[]): Promise<void> {
    const docs = this.target?.docs;
    if (!docs) throw new Error(`projection ${this.projection.name} is not started`);
    for (const event of events) {
      const id = this.projection.documentOf(event);
      if (id === undefined) continue;
      const current = await docs.get(id);
      const stored = current?.version ?? 0;
      const from = Math.max(stored, this.unchangedUpTo.get(id) ?? 0);
      if (from >= event.version) continue;
      const chain =
        event.version === from + 1
          ? [event]
          : await this.deps.store.readStream(event.streamId, { fromVersion: from + 1, maxCount: event.version - from });
      const before = current?.doc ?? null;
      const next = chain.reduce<Doc | null>((doc, e) => this.projection.evolve(doc, e), before);
      if (next === before && current !== undefined) {
        this.remember(id, event.version);
        continue;
      }
      this.unchangedUpTo.delete(id);
      if (next === null) await docs.remove(id, event.version);
      else await docs.put(id, next, event.version);
    }
  }

  /**
   * A rebuild replayed the log into a fresh collection up to `request.position`: bring it level with
   * what this runner has applied, then write there instead, and point readers at it.
   */
  async onRequest(request: SubscriptionRequest, position: number): Promise<void> {
    if (request.kind !== 'adopt-collection' || request.collection === this.target?.name) return;
    const fresh = await this.deps.readStore.collection<Doc>(request.collection, this.projection.indexes);
    await replayInto(this.projection, this.deps.store, fresh, { from: request.position, until: position });
    await this.writeTo(request.collection);
    await this.deps.collections.swap(this.projection.name, request.collection, Date.now());
  }

  private async writeTo(collection: string): Promise<void> {
    this.target = { name: collection, docs: await this.deps.readStore.collection<Doc>(collection, this.projection.indexes) };
    this.unchangedUpTo.clear(); // what was unchanged in the old collection says nothing of the new one
  }

  private remember(id: string, version: number): void {
    this.unchangedUpTo.delete(id);
    this.unchangedUpTo.set(id, version);
    if (this.unchangedUpTo.size > UNCHANGED_MEMORY) {
      const oldest = this.unchangedUpTo.keys().next().value;
      if (oldest !== undefined) this.unchangedUpTo.delete(oldest);
    }
  }
}
