import { Command } from 'commander';
import { parkedLetters, replayParked, type DeadLetterSelection, type ParkedLetter, type SubscriptionStore } from '@hcms/shared-kernel';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';

const withRecords = async <R>(work: (records: SubscriptionStore) => Promise<R>): Promise<R> => {
  const container = platformContainer(loadConfig());
  const readModels = await container.getAsync(T.ReadModelDeps);
  try {
    return await work(readModels.records);
  } finally {
    await readModels.readStore.close();
  }
};

/** One line per dead letter: what failed where and why; never the event's data. */
const line = (d: ParkedLetter): string =>
  [d.parkedAt, d.group, d.type, d.eventId, `${d.streamId}@${d.version}`, `position=${d.position}`, `attempts=${d.attempts}`, d.error].join(
    '  ',
  );

/** `hcms dead-letters list|replay`: operators' view of events that subscriptions set aside. */
export const deadLetterCommands = (): Command => {
  const command = new Command('dead-letters').description('events a durable subscription set aside after its retries (HCMS_READ_STORE)');
  command
    .command('list')
    .description('list them, oldest first (they stay parked)')
    .option('--json', 'one JSON object per line')
    .action((options: { json?: boolean }) =>
      withRecords(async (records) => {
        const letters = await parkedLetters(records);
        for (const d of letters) process.stdout.write(`${options.json ? JSON.stringify(d) : line(d)}\n`);
        if (!options.json) process.stdout.write(`${letters.length} dead letter(s)\n`);
      }),
    );
  command
    .command('replay')
    .description('hand them back to their subscription, after the fix is deployed')
    .option('--group <group>', 'only this subscription, e.g. projection.patient-list')
    .option('--event <id>', 'only this event')
    .action((options: { group?: string; event?: string }) =>
      withRecords(async (records) => {
        const selection: DeadLetterSelection = {
          ...(options.group ? { group: options.group } : {}),
          ...(options.event ? { eventId: options.event } : {}),
        };
        process.stdout.write(`handed back ${await replayParked(records, selection)} dead letter(s); they are retried within a second\n`);
      }),
    );
  return command;
};
