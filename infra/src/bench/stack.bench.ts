import { percentile, type Row } from './measure.js';
import { startStackFixture } from '../stack/stack-fixture.js';

/** Command → read model delay across processes: gateway → context → SQLite log → relay → RabbitMQ → projector → FerretDB → query. */
export const benchStack = async (): Promise<Row[]> => {
  const f = await startStackFixture();
  try {
    const [patientId] = await f.load(1, 0);
    const delays: number[] = [];
    const total = 1500;
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(performance.now() - start));
      for (; sent < due; sent++) {
        inflight.push(
          (async () => {
            const t0 = performance.now();
            const r = await f.call('POST', `/patients/${patientId}/consents`, { kind: 'research' });
            const position = Number(r.body['position']);
            await f.call('GET', `/patients/${patientId}?minPosition=${position}`);
            delays.push(performance.now() - t0);
          })(),
        );
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(inflight);
    const achieved = Math.round((total / (performance.now() - start)) * 1000);
    const sorted = [...delays].sort((a, b) => a - b);
    return [
      {
        what: `command → read model delay, real stack (${achieved} cmd/s offered over HTTP)`,
        ours: `median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
        floor: 'target p99 ≤ 100 ms at 1,000 cmd/s',
      },
    ];
  } finally {
    await f.close();
  }
};
