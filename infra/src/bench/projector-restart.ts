import type { BenchStack } from './bench-stack.js';
import type { Row } from './measure.js';
import { cpuPerUnit, cpuSnapshot } from './process-cpu.js';
import { offerRegistrations } from './registration-load.js';
import { loadRows } from './load-rows.js';

/**
 * A projector crash under load: SIGKILL a few seconds in, started again at once. How long from the
 * spawn to a healthy answer (the stack polls /health every 100 ms), what the readers saw meanwhile,
 * and how long after the load stops until every read model is at the head of the log again.
 */
export const restartProjectorUnderLoad = async (
  f: BenchStack,
  rate: number,
  seconds: number,
  killAtSeconds: number,
  embedded: number,
): Promise<{ rows: Row[]; note: string }> => {
  let healthyMs = NaN;
  let lag: Promise<number> | undefined;
  const before = cpuSnapshot();
  const m = await offerRegistrations(f.client, {
    rate,
    seconds,
    tag: `${f.tag}restart`,
    at: {
      ms: killAtSeconds * 1000,
      run: async () => {
        await f.stack.kill('projector', 'SIGKILL');
        const spawned = performance.now();
        await f.stack.start('projector');
        healthyMs = performance.now() - spawned;
      },
    },
    onAllSent: () => {
      lag = f.caughtUp(300_000);
      lag.catch(() => undefined); // awaited below, once the read-backs are in
    },
  });
  const lagMs = (await lag) ?? NaN;
  const after = cpuSnapshot();
  const load = loadRows(
    `registrations across the projector restart, ${rate}/s offered`,
    m,
    cpuPerUnit(before, after, m.readBack),
    embedded,
  );
  const rows: Row[] = [
    {
      what: `projector SIGKILLed ${killAtSeconds} s into ${rate}/s of registrations, started again: spawn → /health 200`,
      ours: `${Math.round(healthyMs).toLocaleString('en-US')} ms`,
      floor: 'target ≤ 5 s',
    },
    {
      what: '  after the load stops, every read model behind 0 on /read-models',
      ours: `${(lagMs / 1000).toFixed(1)} s`,
      floor: 'target ≤ 30 s',
    },
    ...load.rows,
  ];
  return { rows, note: load.note };
};
