import { settleStaleHolds, type AppointmentsDeps, type PendingHolds } from '@hcms/appointments';
import type { Logger } from '../system/logger.js';
import { startPeriodic } from '../system/periodic.js';

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
): { stop(): Promise<void> } => startPeriodic('hold settling round', () => settleStaleHolds(deps, pending, boundMs), intervalMs, log);
