import { Command } from 'commander';
import type { DeadLetter, DeadLetterFilter, MessageBus } from '@hcms/shared-kernel';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';

const withBus = async <R>(work: (bus: MessageBus) => Promise<R>): Promise<R> => {
  const container = platformContainer(loadConfig());
  const bus = await container.getAsync(T.Bus);
  try {
    return await work(bus);
  } finally {
    await bus.close();
  }
};

/** One line per dead letter: what failed where and why; never the event's data. */
const line = (d: DeadLetter): string =>
  [d.failedAt, d.group, d.event.type, d.event.id, `${d.event.streamId}@${d.event.version}`, `attempts=${d.attempts}`, d.error].join('  ');

/** `hcms dead-letters list|replay`: operators' view of messages that kept failing. */
export const deadLetterCommands = (): Command => {
  const command = new Command('dead-letters').description('messages that kept failing in a consumer group (HCMS_BUS)');
  command
    .command('list')
    .description('list them, oldest first (they stay parked)')
    .option('--json', 'one JSON object per line')
    .action((options: { json?: boolean }) =>
      withBus(async (bus) => {
        const letters = await bus.deadLetters();
        for (const d of letters)
          process.stdout.write(`${options.json ? JSON.stringify({ ...d, event: { ...d.event, data: undefined } }) : line(d)}\n`);
        if (!options.json) process.stdout.write(`${letters.length} dead letter(s)\n`);
      }),
    );
  command
    .command('replay')
    .description('hand them back to their consumer group, after the fix is deployed')
    .option('--group <group>', 'only this consumer group, e.g. projection.patient-list')
    .option('--event <id>', 'only this event')
    .action((options: { group?: string; event?: string }) =>
      withBus(async (bus) => {
        const filter: DeadLetterFilter = {
          ...(options.group ? { group: options.group } : {}),
          ...(options.event ? { eventId: options.event } : {}),
        };
        process.stdout.write(`replayed ${await bus.replayDeadLetters(filter)} dead letter(s)\n`);
      }),
    );
  return command;
};
