import { percentile, type Row } from './measure.js';
import { startStackFixture } from '../stack/stack-fixture.js';

/** Offers `rate` commands per second for `seconds`, spread over many patients; delays until each is readable. */
const measure = async (f: Awaited<ReturnType<typeof startStackFixture>>, patients: readonly string[], rate: number, seconds: number) => {
  const delays: number[] = [];
  const total = rate * seconds;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    for (; sent < due; sent++) {
      const patientId = patients[sent % patients.length] ?? '';
      inflight.push(
        (async () => {
          const t0 = performance.now();
          const r = await f.call('POST', `/patients/${patientId}/consents`, { kind: 'research' });
          await f.call('GET', `/patients/${patientId}?minPosition=${Number(r.body['position'])}`);
          delays.push(performance.now() - t0);
        })(),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    achieved: Math.round((total / (performance.now() - start)) * 1000),
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
};

/**
 * Command → read model delay across processes: gateway → context → SQLite log → relay → RabbitMQ
 * → projector → FerretDB → query API, measured by the client (POST, then GET with minPosition).
 */
export const benchStack = async (): Promise<Row[]> => {
  const f = await startStackFixture();
  try {
    const patients = await f.load(100, 0);
    const rows: Row[] = [];
    for (const [rate, seconds] of [
      [20, 5],
      [1000, 2],
    ] as const) {
      const m = await measure(f, patients, rate, seconds);
      rows.push({
        what: `command → read model delay, real stack, ${rate} cmd/s offered (${m.achieved} completed/s)`,
        ours: `median ${m.median.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms`,
        floor: 'target p99 ≤ 100 ms at 1,000 cmd/s',
      });
    }
    return rows;
  } finally {
    await f.close();
  }
};
