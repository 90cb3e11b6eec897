import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { dispatchDue, type DueNotifications, type NotificationChannel, type NotificationsDeps } from '@hcms/notifications';
import type { Logger } from '../system/logger.js';
import { startPeriodic } from '../system/periodic.js';

export interface DispatcherLoopOptions {
  /** Unique per running dispatcher; by default the host, the process and a random part. */
  readonly dispatcher?: string;
  /** How long a claim holds before another dispatcher may take it over; above every channel's timeout. */
  readonly leaseSeconds?: number;
}

export const DEFAULT_LEASE_SECONDS = 60;

export const dispatcherId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Runs the dispatcher every `intervalMs` until stopped; a failing round is logged and the next one
 * runs. Any number of these may run on one store: each notification is claimed by one of them.
 */
export const startDispatcherLoop = (
  deps: NotificationsDeps,
  due: DueNotifications,
  channel: NotificationChannel,
  intervalMs: number,
  log: Logger,
  options: DispatcherLoopOptions = {},
): { stop(): Promise<void> } => {
  const identity = { dispatcher: options.dispatcher ?? dispatcherId(), leaseSeconds: options.leaseSeconds ?? DEFAULT_LEASE_SECONDS };
  return startPeriodic('dispatch round', () => dispatchDue(deps, due, channel, identity), intervalMs, log);
};
