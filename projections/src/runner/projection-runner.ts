import type { DocumentCollection, EventStore, MessageBus, ReadStore, StoredEvent, Consumer } from '@hcms/shared-kernel';
import { CHECKPOINTS, type Checkpoint, type Projection } from './projection.js';

export interface RunnerDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly bus: MessageBus;
}

/**
 * Keeps one read model up to date: catches up from the event store from its checkpoint, then
 * follows the bus. Work is serialised, events at or below the checkpoint are dropped, and each
 * document remembers the stream version it reflects — so redeliveries and restarts apply nothing
 * twice and skip nothing.
 */
export class ProjectionRunner<Doc> {
  private position = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly waiters = new Set<{ readonly position: number; readonly resolve: () => void }>();
  private docs?: DocumentCollection<Doc>;
  private checkpoints?: DocumentCollection<Checkpoint>;
  private consumer?: Consumer;

  constructor(
    readonly projection: Projection<Doc>,
    private readonly deps: RunnerDeps,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** Global position of the last event this read model has taken into account. */
  get applied(): number {
    return this.position;
  }

  async start(): Promise<void> {
    this.docs = await this.deps.readStore.collection<Doc>(this.projection.name, this.projection.indexes);
    this.checkpoints = await this.deps.readStore.collection<Checkpoint>(CHECKPOINTS);
    this.position = (await this.checkpoints.get(this.projection.name))?.doc.position ?? 0;
    // Subscribe first, catch up second: the queue holds live events until history is applied.
    this.consumer = await this.deps.bus.consume(`projection.${this.projection.name}`, (event) =>
      this.serially(() => (event.position > this.position ? this.apply([event]) : Promise.resolve())),
    );
    await this.serially(() => this.catchUp());
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.queue;
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
    const docs = this.docs;
    const checkpoints = this.checkpoints;
    if (!docs || !checkpoints) throw new Error(`projection ${this.projection.name} is not started`);
    for (const event of events) {
      const id = this.projection.documentOf(event);
      if (id === undefined) continue;
      const current = await docs.get(id);
      if (current && current.version >= event.version) continue;
      const next = this.projection.evolve(current?.doc ?? null, event);
      if (next === null) await docs.remove(id, event.version);
      else await docs.put(id, next, event.version);
    }
    const last = events[events.length - 1];
    if (!last) return;
    this.position = last.position;
    await checkpoints.put(this.projection.name, { position: last.position, updatedAt: new Date().toISOString() }, last.position);
    for (const waiter of this.waiters) if (waiter.position <= this.position) waiter.resolve();
  }
}
