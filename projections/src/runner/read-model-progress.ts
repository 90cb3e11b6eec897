import * as E from 'fp-ts/lib/Either.js';
import { unavailable, type DomainError, type ReadStore } from '@hcms/shared-kernel';
import { CHECKPOINTS, type Checkpoint } from './projection.js';
import type { ProjectionRunner } from './projection-runner.js';

export interface ReadModelStatus {
  readonly name: string;
  readonly position: number;
}

/**
 * How far each read model has got, and waiting for a position (read-your-writes). Runners in
 * this process answer at once; otherwise the stored checkpoint is polled.
 */
export class ReadModelProgress {
  private readonly local = new Map<string, ProjectionRunner<unknown>>();
  private readonly remoteWaiters = new Map<string, Set<{ position: number; resolve: (reached: boolean) => void }>>();
  private readonly polling = new Set<string>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly names: readonly string[],
    private readonly pollMs = 10,
  ) {}

  register(runner: ProjectionRunner<unknown>): void {
    this.local.set(runner.name, runner);
  }

  async positionOf(name: string): Promise<number> {
    const runner = this.local.get(name);
    if (runner) return runner.applied;
    const checkpoints = await this.readStore.collection<Checkpoint>(CHECKPOINTS);
    return (await checkpoints.get(name))?.doc.position ?? 0;
  }

  async all(): Promise<readonly ReadModelStatus[]> {
    return Promise.all(this.names.map(async (name) => ({ name, position: await this.positionOf(name) })));
  }

  /** Right once `name` has applied `position`; a 503-kind error after `timeoutMs`. */
  async await(name: string, position: number | undefined, timeoutMs: number): Promise<E.Either<DomainError, number>> {
    if (position === undefined || position <= 0) return E.right(await this.positionOf(name));
    const runner = this.local.get(name);
    const reached = runner ? await runner.waitFor(position, timeoutMs) : await this.poll(name, position, timeoutMs);
    const now = await this.positionOf(name);
    return reached
      ? E.right(now)
      : E.left(
          unavailable('READ_MODEL_BEHIND', `read model ${name} has applied position ${now}, not yet ${position}; retry shortly`, {
            details: { readModel: name, applied: now, requested: position },
          }),
        );
  }

  /**
   * Waits on a read model projected by another process. One poll of its checkpoint per interval
   * serves every waiting request, however many there are.
   */
  private poll(name: string, position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiters = this.remoteWaiters.get(name) ?? new Set();
      this.remoteWaiters.set(name, waiters);
      const waiter = { position, resolve: (reached: boolean) => (clearTimeout(timer), waiters.delete(waiter), resolve(reached)) };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      waiters.add(waiter);
      if (!this.polling.has(name)) void this.pollLoop(name, waiters);
    });
  }

  private async pollLoop(name: string, waiters: Set<{ position: number; resolve: (reached: boolean) => void }>): Promise<void> {
    this.polling.add(name);
    try {
      while (waiters.size > 0) {
        const applied = await this.positionOf(name).catch(() => 0);
        for (const w of [...waiters]) if (w.position <= applied) w.resolve(true);
        if (waiters.size > 0) await new Promise((r) => setTimeout(r, this.pollMs));
      }
    } finally {
      this.polling.delete(name);
    }
  }
}
