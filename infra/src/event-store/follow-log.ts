import type { EventStore, StoredEvent, SubscribeOptions, Subscription } from '@hcms/shared-kernel';

export type Waiter = (timeoutMs?: number) => { promise: Promise<void>; cancel: () => void };

/**
 * A catch-up subscription over `readAll`: reads in batches from the checkpoint, hands each batch
 * to the handler in order, and once at the head waits for the next append.
 */
export const followLog = (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  handler: (batch: readonly StoredEvent[]) => Promise<void>,
  options: SubscribeOptions,
  waitForAppend: Waiter,
): Subscription => {
  let position = options.after ?? 0;
  let stopped = false;
  let wake: (() => void) | undefined;
  let markCaughtUp = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const run = async () => {
    const head = await store.headPosition();
    while (!stopped) {
      const batch = await store.readAll({ after: position, maxCount: options.batchSize ?? 500 });
      if (batch.length > 0) {
        await handler(batch);
        position = batch[batch.length - 1]?.position ?? position;
        if (position >= head) markCaughtUp();
        continue;
      }
      markCaughtUp();
      const next = waitForAppend();
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
