import { Argument, Command } from 'commander';
import cliProgress from 'cli-progress';
import { projections, rebuildProjection } from '@hcms/projections';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';

const names = projections.map((p) => p.name);

/** `hcms projections status | rebuild <name>`: read models are derived, so they can be rebuilt at any time. */
export const projectionCommands = (): Command => {
  const command = new Command('projections').description('the read models: how far they are, and rebuilding them from the log');
  command
    .command('status')
    .description('each read model with the position it has applied and the head of the log')
    .action(async () => {
      const c = platformContainer(loadConfig());
      const [store, deps] = await Promise.all([c.getAsync(T.EventStore), c.getAsync(T.ReadModelDeps)]);
      const head = await store.headPosition();
      for (const m of await deps.progress.all()) {
        process.stdout.write(
          `${m.name.padEnd(28)} position ${m.position}  behind ${Math.max(0, head - m.position)}  parked ${m.parked.length}  (${await deps.collections.physicalName(m.name)})\n`,
        );
      }
      await store.close();
      await deps.readStore.close();
    });
  command
    .command('rebuild')
    .description('replay the whole log into a fresh collection and swap it in; queries keep being answered meanwhile')
    .addArgument(new Argument('<name>').choices(names))
    .action(async (name: string) => {
      const projection = projections.find((p) => p.name === name);
      if (!projection) throw new Error(`no read model ${name}`);
      const c = platformContainer(loadConfig());
      const [store, deps] = await Promise.all([c.getAsync(T.EventStore), c.getAsync(T.ReadModelDeps)]);
      const bar = new cliProgress.SingleBar(
        { format: `${name} [{bar}] {percentage}% | {events} events | {phase}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(1, await store.headPosition()), 0, { events: 0, phase: 'replaying' });
      const started = performance.now();
      const result = await rebuildProjection(
        projection,
        { store, readStore: deps.readStore, collections: deps.collections, records: deps.records },
        {
          onProgress: (p) => {
            bar.setTotal(Math.max(1, p.head));
            bar.update(p.position, { events: p.events, phase: p.phase });
          },
        },
      );
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      const outcome =
        result.outcome === 'swapped'
          ? 'swapped in'
          : 'no projector took it over yet: the next one to start will (the old collection is kept until then)';
      process.stdout.write(`${name}: ${result.events} events replayed into ${result.collection} in ${seconds.toFixed(1)} s; ${outcome}\n`);
      await store.close();
      await deps.readStore.close();
    });
  return command;
};
