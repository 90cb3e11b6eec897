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

  private async poll(name: string, position: number, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if ((await this.positionOf(name)) >= position) return true;
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
    return (await this.positionOf(name)) >= position;
  }
}
