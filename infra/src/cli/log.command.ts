import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';
import { reencryptLog } from '../privacy/reencrypt-log.js';
import { ShreddingEventStore } from '../privacy/shredding-event-store.js';
import { PERSONAL_DATA } from '../roles/contexts.js';

/** `hcms log reencrypt --to FILE`: the one-off copy for a log written before encryption existed. */
export const logCommands = (): Command => {
  const command = new Command('log').description('the event log itself');
  command
    .command('reencrypt')
    .description(
      'copy the event log into a new SQLite file with every personal field encrypted (events from before encryption included), for an installation that must be able to erase those too',
    )
    .requiredOption('--to <file>', 'the new event log (a file that does not exist yet)')
    .action(async (options: { to: string }) => {
      const c = platformContainer(loadConfig());
      const [store, keys] = await Promise.all([c.getAsync(T.EventStore), c.getAsync(T.PatientKeys)]);
      const bar = new cliProgress.SingleBar(
        { format: 'reencrypt [{bar}] {percentage}% | position {value}/{total}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(1, 0);
      const copied = await reencryptLog(
        store,
        options.to,
        (log) => new ShreddingEventStore(log, keys, PERSONAL_DATA),
        (done, total) => {
          bar.setTotal(Math.max(1, total));
          bar.update(done);
        },
      );
      bar.stop();
      process.stdout.write(
        `${copied} events copied into ${options.to}. Stop the platform, point HCMS_EVENT_STORE at it (or put it in place of the old file), and start it: read models and the seal start over on the new log. Keep or destroy the old file as your policy says: it still holds the old plaintext.\n`,
      );
      await Promise.all([store.close(), keys.close()]);
    });
  return command;
};
