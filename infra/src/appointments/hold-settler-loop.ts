import { settleStaleHolds, type AppointmentsDeps, type PendingHolds } from '@hcms/appointments';
import type { Logger } from '../system/logger.js';

/**
 * Settles holds left unconfirmed longer than `boundMs` every `intervalMs` until stopped; a failing
 * round is logged and the next one runs. Safe to run in several processes at once.
 */
export const startHoldSettlerLoop = (
  deps: AppointmentsDeps,
  pending: PendingHolds,
  boundMs: number,
  intervalMs: number,
  log: Logger,
): { stop(): Promise<void> } => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  const tick = () => {
    round = settleStaleHolds(deps, pending, boundMs)
      .then(
        () => undefined,
        (error: unknown) =>
          log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'hold settling round failed'),
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
      await round;
    },
  };
};
