import { EventEmitter } from 'node:events';
import type { EventStore, StoredEvent, SubscribeOptions, Subscription } from '@hcms/shared-kernel';

/**
 * Tells a follower when to read again. `mark()` is taken before each read; `wait(mark)` returns at
 * once if an append was signalled since, so an append racing with a read is never slept through.
 */
export interface AppendSignal {
  mark(): number;
  wait(since: number): { promise: Promise<void>; cancel: () => void };
}

/** An append signal over an emitter, with a poll interval for appends it cannot hear about. */
export class AppendBell {
  private rings = 0;
  private readonly emitter = new EventEmitter();

  /** How long a follower waits when nothing rings, for appends it cannot hear about. */
  constructor(public pollMs: number) {
    this.emitter.setMaxListeners(0);
  }

  ring(): void {
    this.rings++;
    this.emitter.emit('ring');
  }

  readonly signal: AppendSignal = {
    mark: () => this.rings,
    wait: (since) => {
      let cancel = () => {};
      const promise = new Promise<void>((resolve) => {
        if (this.rings !== since) return resolve();
        const done = () => {
          clearTimeout(timer);
          this.emitter.off('ring', done);
          resolve();
        };
        const timer = setTimeout(done, this.pollMs);
        this.emitter.once('ring', done);
        cancel = done;
      });
      return { promise, cancel };
    },
  };
}

/**
 * A catch-up subscription over `readAll`: reads in batches from the checkpoint, hands each batch
 * to the handler in order, and once at the head waits for the next append.
 */
export const followLog = (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  handler: (batch: readonly StoredEvent[]) => Promise<void>,
  options: SubscribeOptions,
  appends: AppendSignal,
): Subscription => {
  let position = options.after ?? 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  let markCaughtUp = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const run = async () => {
    const head = await store.headPosition();
    while (!stopped) {
      const mark = appends.mark();
      const batch = await store.readAll({ after: position, maxCount: options.batchSize ?? 500 });
      if (batch.length > 0) {
        await handler(batch);
        position = batch[batch.length - 1]?.position ?? position;
        if (position >= head) markCaughtUp();
        continue;
      }
      markCaughtUp();
      if (stopped) break;
      const next = appends.wait(mark);
      wake = next.cancel;
      await next.promise;
    }
  };
  const running = run().catch((error: unknown) => {
    stopped = true;
    markCaughtUp();
    options.onError?.(error);
  });

  return {
    caughtUp,
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
    },
  };
};
