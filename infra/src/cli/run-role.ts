import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';
import { startRole, type RoleName } from '../roles/roles.js';

const describe = (role: RoleName): string => (typeof role === 'string' ? role : `context ${role.context}`);

/** Runs one role until SIGINT/SIGTERM, then stops it cleanly (in-flight work finishes). */
export const runRole = async (role: RoleName): Promise<void> => {
  // The parent as it is now: one that dies while this process starts is still noticed.
  const parent = process.ppid;
  const config = loadConfig();
  // The relay process only publishes, in bulk: its packets may wait to fill.
  const container = platformContainer(config, { bulkPublisher: role === 'relay' });
  const log = container.get(T.Logger).child({ role: describe(role) });
  config.warnings.forEach((w) => log.warn(w));
  const running = await startRole(container, role);
  log.info({ url: running.url }, 'started');
  if (role === 'all') process.stdout.write(`HCMS is up on ${running.url} (API document: ${running.url}/docs)\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return; // a signal and a lost parent may both ask: stop once
    stopping = true;
    log.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (config.stopWithParent) stopWithParent(parent, () => shutdown('parent gone'));
};

/**
 * A service started by a supervisor that died without stopping it (a killed test run) would run
 * on, orphaned, competing for the machine: it stops once it is handed to another parent.
 */
const stopWithParent = (parent: number, stop: () => void): void => {
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop();
  }, 1000);
  watch.unref();
};
