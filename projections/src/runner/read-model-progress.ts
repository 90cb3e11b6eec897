import * as E from 'fp-ts/lib/Either.js';
import {
  appliedPosition,
  outcomeAt,
  unavailable,
  type Blocks,
  type Consumer,
  type DomainError,
  type MessageBus,
  type ParkedEvent,
  type SubscriptionStore,
} from '@hcms/shared-kernel';
import { projectionSubscription, type ProjectionRunner } from './projection-runner.js';
import { heardProgress, PROGRESS_SUBJECT, type Progress } from './progress-announcements.js';
import type { ReadModelCollections } from './read-model-collections.js';

export type ReadModelStatus = Pick<Progress, 'name' | 'position' | 'parked'>;

/** Which parked events hold a read back: all of them, or only those about one patient. */
export interface WaitScope {
  readonly patientId?: string;
}

const blocking =
  (scope: WaitScope): Blocks =>
  (parked) =>
    scope.patientId === undefined || parked.patientId === undefined || parked.patientId === scope.patientId;

type Waiter = { readonly position: number; readonly blocks: Blocks; readonly resolve: (progress: Progress | undefined) => void };

const stalled = (name: string, position: number, parked: ParkedEvent): DomainError =>
  unavailable(
    'READ_MODEL_STALLED',
    `read model ${name} could not apply event ${parked.eventId} (position ${parked.position}) and set it aside; an operator must replay it (POST /dead-letters/replay)`,
    {
      details: {
        readModel: name,
        requested: position,
        deadLetter: { eventId: parked.eventId, type: parked.type, position: parked.position, error: parked.error },
      },
    },
  );

/**
 * A record loaded within this vouches for what was heard. Records trail progress by about a second,
 * and a rebuilt read model's old collection is dropped only two seconds after its record moved on.
 */
const RECORD_FRESH_MS = 1000;

const covers = (progress: Progress, position: number, blocks: Blocks) =>
  outcomeAt({ position: progress.handled, parked: progress.parked }, position, blocks);

/**
 * How far each read model has got, and waiting for a position (read-your-writes). Runners in
 * this process answer at once. Others are heard from: their projector announces each batch it
 * applied (`follow`). What is heard counts only while a recently loaded record vouches for it, so
 * a lost announcement costs latency and nothing else, and one about a collection the read model
 * has left (a rebuild, a new log) is never taken.
 */
export class ReadModelProgress {
  private readonly local = new Map<string, ProjectionRunner<unknown>>();
  private readonly remoteWaiters = new Map<string, Set<Waiter>>();
  private readonly polling = new Set<string>();
  private readonly heard = new Map<string, Progress>();
  private readonly stored = new Map<string, { readonly progress: Progress; readonly at: number; readonly saved: boolean }>();
  private following = false;

  constructor(
    private readonly records: SubscriptionStore,
    private readonly collections: ReadModelCollections,
    private readonly names: readonly string[],
    private readonly pollMs = 10,
    private readonly followingPollMs = 100,
  ) {}

  register(runner: ProjectionRunner<unknown>): void {
    this.local.set(runner.readModel, runner);
  }

  /** Hears the projectors' announcements from now on, and settles waits on them. */
  async follow(bus: Pick<MessageBus, 'listen'>): Promise<Consumer> {
    const listening = await bus.listen(PROGRESS_SUBJECT, (body) => {
      for (const progress of heardProgress(body)) {
        if (!this.names.includes(progress.name)) continue;
        this.heard.set(progress.name, progress);
        this.settle(progress.name, this.inMemory(progress.name));
      }
    });
    this.following = true;
    return {
      stop: async () => {
        this.following = false;
        await listening.stop();
      },
    };
  }

  /** True when this process knows, without asking any store, that `name` has applied `position`. */
  knownApplied(name: string, position: number, scope: WaitScope = {}): boolean {
    const known = this.inMemory(name);
    return known !== undefined && covers(known, position, blocking(scope))?.kind === 'applied';
  }

  /**
   * A runner of this process; else, while its last loaded record is recent, what was heard if the
   * record vouches for it (same collection, not behind), or the record. Heard and record naming
   * different collections means the read model moved: neither is taken until the record is read again.
   */
  private inMemory(name: string): Progress | undefined {
    const runner = this.local.get(name);
    if (runner) return runner.progress;
    const stored = this.stored.get(name);
    if (!stored || Date.now() - stored.at > RECORD_FRESH_MS) return undefined;
    const heard = this.heard.get(name);
    if (heard === undefined) return stored.progress;
    if (!stored.saved) return heard; // a projector's first second: no record yet to contradict it
    if (heard.collection !== stored.progress.collection) return undefined;
    return heard.handled >= stored.progress.handled ? heard : stored.progress;
  }

  private async loadRecord(name: string): Promise<Progress> {
    const record = await this.records.load(projectionSubscription(name));
    const where = record?.collection ? { collection: record.collection } : {};
    const progress: Progress = record
      ? { name, position: appliedPosition(record), handled: record.position, parked: record.parked, ...where }
      : { name, position: 0, handled: 0, parked: [] };
    this.stored.set(name, { progress, at: Date.now(), saved: record !== undefined });
    return progress;
  }

  async progressOf(name: string): Promise<Progress> {
    return this.inMemory(name) ?? (await this.loadRecord(name));
  }

  async all(): Promise<readonly ReadModelStatus[]> {
    return Promise.all(
      this.names.map(async (name) => {
        const { collection: _where, handled: _handled, ...status } = await this.progressOf(name);
        return status;
      }),
    );
  }

  /**
   * Right once `name` has applied `position` (and readers are pointed at the collection that holds
   * it); a 503-kind error after `timeoutMs`, or at once when an event it needs is parked. A scope
   * narrows what it needs to one patient's events.
   */
  async await(
    name: string,
    position: number | undefined,
    timeoutMs: number,
    scope: WaitScope = {},
  ): Promise<E.Either<DomainError, number>> {
    if (position === undefined || position <= 0) return E.right((await this.progressOf(name)).position);
    const blocks = blocking(scope);
    const reached = await this.reach(name, position, timeoutMs, blocks);
    const now = reached ?? (await this.progressOf(name));
    const outcome = covers(now, position, blocks);
    if (outcome?.kind === 'parked') return E.left(stalled(name, position, outcome.parked));
    if (!reached) {
      return E.left(
        unavailable('READ_MODEL_BEHIND', `read model ${name} has applied position ${now.position}, not yet ${position}; retry shortly`, {
          details: { readModel: name, applied: now.position, requested: position },
        }),
      );
    }
    if (reached.collection) this.collections.remember(name, reached.collection);
    return E.right(Math.max(reached.position, position));
  }

  /** The progress once it covers `position` or a parked event blocks it; undefined on timeout. */
  private async reach(name: string, position: number, timeoutMs: number, blocks: Blocks): Promise<Progress | undefined> {
    const runner = this.local.get(name);
    if (!runner) {
      const known = this.inMemory(name);
      return known && covers(known, position, blocks) ? known : this.poll(name, position, timeoutMs, blocks);
    }
    const outcome = await runner.waitFor(position, timeoutMs, blocks);
    return outcome.kind === 'timeout' ? undefined : this.progressOf(name);
  }

  /**
   * Waits on a read model projected by another process: settled by an announcement, or by a poll of
   * its record; one poll per interval serves every waiting request, however many there are.
   */
  private poll(name: string, position: number, timeoutMs: number, blocks: Blocks): Promise<Progress | undefined> {
    return new Promise((resolve) => {
      const waiters = this.remoteWaiters.get(name) ?? new Set();
      this.remoteWaiters.set(name, waiters);
      const waiter: Waiter = {
        position,
        blocks,
        resolve: (progress) => (clearTimeout(timer), waiters.delete(waiter), resolve(progress)),
      };
      const timer = setTimeout(() => waiter.resolve(undefined), timeoutMs);
      waiters.add(waiter);
      if (!this.polling.has(name)) void this.pollLoop(name, waiters);
    });
  }

  /** Settles every wait on `name` that `progress` answers. */
  private settle(name: string, progress: Progress | undefined): void {
    if (!progress) return;
    for (const waiter of [...(this.remoteWaiters.get(name) ?? [])]) {
      if (covers(progress, waiter.position, waiter.blocks)) waiter.resolve(progress);
    }
  }

  private async pollLoop(name: string, waiters: Set<Waiter>): Promise<void> {
    this.polling.add(name);
    try {
      while (waiters.size > 0) {
        const loaded = await this.loadRecord(name).then(
          () => true,
          () => false,
        );
        // Just loaded, the record is the truth when what was heard is of another collection.
        if (loaded) this.settle(name, this.inMemory(name) ?? this.stored.get(name)?.progress);
        if (waiters.size > 0) await new Promise((r) => setTimeout(r, this.following ? this.followingPollMs : this.pollMs));
      }
    } finally {
      this.polling.delete(name);
    }
  }
}
