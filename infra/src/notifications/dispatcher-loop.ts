import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { dispatchDue, type DueNotifications, type NotificationChannel, type NotificationsDeps } from '@hcms/notifications';
import type { Logger } from '../system/logger.js';
import { startPeriodic } from '../system/periodic.js';

/** How long a claim holds before another dispatcher may take it over; above every channel's timeout. */
const LEASE_SECONDS = 60;

/**
 * Runs the dispatcher every `intervalMs` until stopped; a failing round is logged and the next one
 * runs. Any number of these may run on one store: each notification is claimed by one of them,
 * each named by its host, process and a random part.
 */
export const startDispatcherLoop = (
  deps: NotificationsDeps,
  due: DueNotifications,
  channel: NotificationChannel,
  intervalMs: number,
  log: Logger,
): { stop(): Promise<void> } => {
  const identity = { dispatcher: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseSeconds: LEASE_SECONDS };
  return startPeriodic('dispatch round', () => dispatchDue(deps, due, channel, identity), intervalMs, log);
};
