import { randomUUID } from 'node:crypto';
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
  type VersionedWrite,
  type WaitOutcome,
} from '@hcms/shared-kernel';
import { DocumentCache, type KnownDocument } from './document-cache.js';
import type { ReadModelCollections } from './read-model-collections.js';
import type { Progress, ProgressAnnouncer } from './progress-announcements.js';
import type { Projection } from './projection.js';
import { replayInto } from './replay.js';

export interface RunnerDeps extends DurableSubscriptionDeps {
  readonly store: DurableSubscriptionDeps['store'] & Parameters<typeof replayInto>[1];
  readonly readStore: ReadStore;
  /** Where readers look for the read model's documents (a rebuild may move them). */
  readonly collections: ReadModelCollections;
  /** Tells other processes of each batch applied, when they wait on this read model (and what it wrote, when mirrored). */
  readonly announcer?: Pick<ProgressAnnouncer, 'moved' | 'wrote'>;
}

/** Documents a runner remembers between batches; the rest are read back, one query per batch. */
const CACHED_DOCUMENTS = 20_000;

/** A projection's subscription is named after it: `projection.<read model>`. */
export const projectionSubscription = (readModel: string): string => `projection.${readModel}`;

/**
 * Keeps one read model up to date as a durable subscription, a batch of events at a time: one read
 * of the documents the batch touches (none for those it remembers: it is their only writer), then
 * one bulk write. Each document remembers the stream version it reflects: an event at or below it
 * is a duplicate and is dropped; an event beyond the next version means earlier ones were parked or
 * replayed out of order, and the missing ones are read from the event store first. So nothing is
 * applied twice, nothing is skipped, and per-stream order holds. An event that leaves a document
 * unchanged is not written (the read store is the expensive part), only remembered.
 */
export class ProjectionRunner<Doc> implements Reactor {
  readonly name: string;
  private readonly subscription: DurableSubscription;
  private target?: { readonly name: string; readonly docs: DocumentCollection<Doc> };
  private readonly known = new DocumentCache<Doc>(CACHED_DOCUMENTS);
  /** What a mirrored read model wrote since it last told, the latest per document; `unknown` when it cannot vouch for it. */
  private unannounced = new Map<string, { readonly version: number; readonly doc: Doc | null } | 'unknown'>();
  /** Names this runner's writes to its collection: hearers tell a restart, or another runner, by it. */
  private epoch = randomUUID();
  private seq = 0;
  private announcedTo: number | undefined;
  /**
   * The log's head when this runner started. Events up to it may have been applied by a runner
   * before it (its record trails): the read store may hold a later version than what it writes.
   */
  private trustedAfter = Infinity;

  constructor(
    readonly projection: Projection<Doc>,
    private readonly deps: RunnerDeps,
    options: DurableSubscriptionOptions = {},
  ) {
    this.name = projectionSubscription(projection.name);
    const announcer = deps.announcer;
    const onMoved = announcer ? () => (this.announceWrites(announcer), announcer.moved(this.progress)) : undefined;
    this.subscription = new DurableSubscription(this, { ...deps, ...(onMoved ? { onMoved } : {}) }, options);
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

  get progress(): Progress {
    const { parked, position } = this.subscription.status;
    const collection = this.target?.name;
    return { name: this.readModel, position: this.applied, handled: position, parked, ...(collection ? { collection } : {}) };
  }

  /** The collection this runner writes: what a read that waited for a position must look at. */
  get collection(): string | undefined {
    return this.target?.name;
  }

  async start(options: { readonly untilCaughtUp?: boolean } = {}): Promise<void> {
    const recorded = (await this.deps.records.load(this.name))?.collection;
    const aliased = await this.deps.collections.physicalName(this.projection.name);
    // The alias moves before the record is saved, and the request that moved it is completed only
    // after: a crash in between takes the request again. Until then the record says where this writes.
    if (recorded && recorded !== aliased) await this.deps.collections.swap(this.projection.name, recorded, Date.now());
    await this.writeTo(recorded ?? aliased);
    this.trustedAfter = await this.deps.store.headPosition();
    await this.subscription.start(options);
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
    const touched = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const id = this.projection.documentOf(event);
      if (id === undefined) continue;
      const mine = touched.get(id);
      if (mine) mine.push(event);
      else touched.set(id, [event]);
    }
    const before = await this.recall(docs, touched);
    const after = new Map<string, KnownDocument<Doc>>();
    const writes: VersionedWrite<Doc>[] = [];
    const vouched = new Set<string>();
    for (const [id, mine] of touched) {
      const known = before.get(id) ?? { doc: null, version: 0, stored: 0 };
      const next = await this.evolve(known, mine);
      if (next === known) continue;
      const changed = next.doc !== known.doc;
      if (changed) writes.push({ id, doc: next.doc, version: next.version, stored: known.stored });
      if ((mine[mine.length - 1]?.position ?? 0) > this.trustedAfter) vouched.add(id);
      after.set(id, changed ? { ...next, stored: next.version } : next);
    }
    try {
      await docs.putMany(writes);
    } catch (error) {
      // Some may have been written: what is stored is unknown until read again, and hearers must
      // not keep an older version (the retry may find the write done and write nothing).
      for (const id of touched.keys()) this.known.delete(id);
      if (this.projection.mirrored && this.deps.announcer) for (const id of touched.keys()) this.unannounced.set(id, 'unknown');
      throw error;
    }
    for (const [id, known] of after) this.known.set(id, known);
    if (this.projection.mirrored && this.deps.announcer) {
      for (const { id, version, doc } of writes) this.unannounced.set(id, vouched.has(id) ? { version, doc } : 'unknown');
    }
  }

  /** What was written since the last stretch, as the next one, up to the position now handled. */
  private announceWrites(announcer: Pick<ProgressAnnouncer, 'wrote'>): void {
    const collection = this.target?.name;
    if (!this.projection.mirrored || collection === undefined) return;
    const to = this.subscription.status.position;
    if (this.unannounced.size === 0 && to === this.announcedTo) return; // nothing new: a request, a record saved
    const written = [...this.unannounced];
    this.unannounced.clear();
    this.announcedTo = to;
    const seq = ++this.seq;
    announcer.wrote({
      name: this.readModel,
      collection,
      epoch: this.epoch,
      fromSeq: seq,
      toSeq: seq,
      to,
      docs: written.flatMap(([id, w]) => (w === 'unknown' ? [] : [{ id, version: w.version, doc: w.doc }])),
      forget: written.flatMap(([id, w]) => (w === 'unknown' ? [id] : [])),
      complete: true,
    });
  }

  /**
   * What is known of each document: remembered, else read. A document whose stream starts in this
   * batch is not read: it is new, unless a crash replays it, and then the write's stored-version
   * hint is wrong, which the read store tells and the version guard settles.
   */
  private async recall(
    docs: DocumentCollection<Doc>,
    touched: ReadonlyMap<string, readonly StoredEvent[]>,
  ): Promise<Map<string, KnownDocument<Doc>>> {
    const known = new Map<string, KnownDocument<Doc>>();
    const missing: string[] = [];
    for (const [id, events] of touched) {
      const remembered = this.known.get(id);
      if (remembered) known.set(id, remembered);
      else if (events[0]?.version !== 1) missing.push(id);
    }
    if (missing.length === 0) return known;
    for (const [id, stored] of await docs.getMany(missing)) known.set(id, { ...stored, stored: stored.version });
    return known;
  }

  /** The document after `events` (of one stream, in order), reading any it missed from the store. */
  private async evolve(known: KnownDocument<Doc>, events: readonly StoredEvent[]): Promise<KnownDocument<Doc>> {
    let { doc, version } = known;
    for (const event of events) {
      if (event.version <= version) continue;
      const chain =
        event.version === version + 1
          ? [event]
          : await this.deps.store.readStream(event.streamId, { fromVersion: version + 1, maxCount: event.version - version });
      doc = chain.reduce<Doc | null>((d, e) => this.projection.evolve(d, e), doc);
      version = event.version;
    }
    return version === known.version ? known : { doc, version, stored: known.stored };
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

  /**
   * The record was of another event log: its documents reflect that log's streams, so this one
   * starts on a fresh collection and readers are pointed at it; the old one is left for an operator.
   */
  async onNewLog(): Promise<void> {
    const generation = Date.now();
    const collection = `${this.projection.name}__${generation.toString(36)}`;
    await this.writeTo(collection);
    await this.deps.collections.swap(this.projection.name, collection, generation);
  }

  private async writeTo(collection: string): Promise<void> {
    this.target = { name: collection, docs: await this.deps.readStore.collection<Doc>(collection, this.projection.indexes) };
    this.known.clear(); // what the old collection holds says nothing of the new one
    [this.epoch, this.seq, this.announcedTo] = [randomUUID(), 0, undefined];
    this.unannounced.clear();
  }
}
