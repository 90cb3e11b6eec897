import { dispatchDue, type DueNotifications, type NotificationChannel, type NotificationsDeps } from '@hcms/notifications';
import type { Logger } from '../system/logger.js';

/** Runs the dispatcher every `intervalMs` until stopped; a failing round is logged and the next one runs. */
export const startDispatcherLoop = (
  deps: NotificationsDeps,
  due: DueNotifications,
  channel: NotificationChannel,
  intervalMs: number,
  log: Logger,
): { stop(): Promise<void> } => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  const tick = () => {
    round = dispatchDue(deps, due, channel)
      .then(
        () => undefined,
        (error: unknown) =>
          log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'dispatch round failed'),
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
