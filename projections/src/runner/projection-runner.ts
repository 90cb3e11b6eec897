import type { DocumentCollection, EventStore, MessageBus, ReadStore, StoredEvent, Consumer } from '@hcms/shared-kernel';
import type { ReadModelCollections } from './read-model-collections.js';
import { CHECKPOINTS, type Checkpoint, type Projection } from './projection.js';

export interface RunnerDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly bus: MessageBus;
  /** Where the read model's documents are (a rebuild may move them). */
  readonly collections: ReadModelCollections;
}

const CHECKPOINT_DELAY_MS = 10;
const UNCHANGED_MEMORY = 100_000;

export interface RunnerOptions {
  /** Deliveries of a failing event before it is dead-lettered. */
  readonly maxAttempts?: number;
}

/**
 * Keeps one read model up to date: catches up from the event store from its checkpoint, then
 * follows the bus. Each document remembers the stream version it reflects: an event at or below
 * it is a duplicate and is dropped; an event beyond the next version means the bus skipped some
 * (a dead letter, a replay, a redelivery after a crash), and the missing ones are read from the
 * event store first. So nothing is applied twice, nothing is skipped, and per-stream order holds
 * whatever order the bus delivers in. An event that leaves a document unchanged is not written
 * (the read store is the expensive part); the runner remembers having seen it.
 */
export class ProjectionRunner<Doc> {
  private position = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly waiters = new Set<{ readonly position: number; readonly resolve: () => void }>();
  private checkpoints?: DocumentCollection<Checkpoint>;
  private consumer?: Consumer;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private saved = 0;
  /** Documents whose later events changed nothing, and the version seen (bounded, most recent kept). */
  private readonly unchangedUpTo = new Map<string, number>();

  constructor(
    readonly projection: Projection<Doc>,
    private readonly deps: RunnerDeps,
    private readonly options: RunnerOptions = {},
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** Global position of the last event this read model has taken into account. */
  get applied(): number {
    return this.position;
  }

  async start(): Promise<void> {
    await this.deps.collections.of(this.projection); // creates it and its indexes
    this.checkpoints = await this.deps.readStore.collection<Checkpoint>(CHECKPOINTS);
    this.position = (await this.checkpoints.get(this.projection.name))?.doc.position ?? 0;
    this.saved = this.position;
    // Subscribe first, catch up second: the queue holds live events until history is applied.
    this.consumer = await this.deps.bus.consume(
      `projection.${this.projection.name}`,
      (event) => this.serially(() => this.apply([event])),
      this.options.maxAttempts === undefined ? {} : { maxAttempts: this.options.maxAttempts },
    );
    await this.serially(() => this.catchUp());
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    await this.serially(() => this.saveCheckpoint());
  }

  /** Resolves true once the read model has applied `position`, false after the timeout. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), this.waiters.delete(waiter), resolve(true)) };
      const timer = setTimeout(() => (this.waiters.delete(waiter), resolve(false)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.deps.store.readAll({ after: this.position, maxCount: 1000 });
      if (batch.length === 0) return;
      await this.apply(batch);
    }
  }

  private async apply(events: readonly StoredEvent[]): Promise<void> {
    const checkpoints = this.checkpoints;
    if (!checkpoints) throw new Error(`projection ${this.projection.name} is not started`);
    const docs = await this.deps.collections.of<Doc>(this.projection);
    for (const event of events) {
      const id = this.projection.documentOf(event);
      if (id === undefined) continue;
      const current = await docs.get(id);
      const stored = current?.version ?? 0;
      // Events that changed nothing are not written; what this process saw of them is kept here.
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
    const last = events.reduce((max, e) => Math.max(max, e.position), 0);
    if (last <= this.position) return;
    this.position = last;
    for (const waiter of this.waiters) if (waiter.position <= this.position) waiter.resolve();
    this.scheduleCheckpoint();
  }

  /**
   * The stored checkpoint trails the applied position by a few milliseconds: under load one write
   * covers many events. Replaying from a slightly older checkpoint after a crash is harmless,
   * since documents remember their versions.
   */
  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      void this.serially(() => this.saveCheckpoint());
    }, CHECKPOINT_DELAY_MS);
  }

  private remember(id: string, version: number): void {
    this.unchangedUpTo.delete(id);
    this.unchangedUpTo.set(id, version);
    if (this.unchangedUpTo.size > UNCHANGED_MEMORY) {
      const oldest = this.unchangedUpTo.keys().next().value;
      if (oldest !== undefined) this.unchangedUpTo.delete(oldest);
    }
  }

  private async saveCheckpoint(): Promise<void> {
    if (this.position <= this.saved || !this.checkpoints) return;
    const position = this.position;
    await this.checkpoints.put(this.projection.name, { position, updatedAt: new Date().toISOString() }, position);
    this.saved = position;
  }
}
