import { settleStaleHolds, type AppointmentsDeps, type PendingHolds } from '@hcms/appointments';
import type { Logger } from '../system/logger.js';
import { startPeriodic } from '../system/periodic.js';

/**
 * Settles holds left unconfirmed longer than `boundMs` every `intervalMs` until stopped; a failing
 * round is logged and the next one runs, and so is each hold a round could not settle (the round
 * goes on with the others). Safe to run in several processes at once.
 */
export const startHoldSettlerLoop = (
  deps: AppointmentsDeps,
  pending: PendingHolds,
  boundMs: number,
  intervalMs: number,
  log: Logger,
): { stop(): Promise<void> } =>
  startPeriodic(
    'hold settling round',
    async () => {
      const round = await settleStaleHolds(deps, pending, boundMs);
      for (const { hold, error } of round.failed) {
        log.error(
          {
            err: { message: error instanceof Error ? error.message : String(error) },
            stream: hold.stream,
            appointmentId: hold.appointmentId,
            holdId: hold.holdId,
          },
          'settling a hold failed; retried next round',
        );
      }
    },
    intervalMs,
    log,
  );
