import type { Logger } from './logger.js';

/**
 * Runs `round` now and then `intervalMs` after each round ends, until stopped; a failing round is
 * logged as `what` and the next one runs. Rounds never overlap.
 */
export const startPeriodic = (what: string, round: () => Promise<unknown>, intervalMs: number, log: Logger): { stop(): Promise<void> } => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = round()
      .then(
        () => undefined,
        (err: unknown) => log.error({ err }, `${what} failed`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
};
