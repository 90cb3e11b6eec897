import { fmt, ratio, type Row } from './measure.js';
import type { LoadResult } from './registration-load.js';

export const say = (line: string) => process.stderr.write(`  stack: ${line}\n`);
export const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
export const seconds = (n: number) => `${(n / 1000).toFixed(1)} s`;

/** A load's figures as rows; its failures and where its CPU went as a note under the table. */
export const loadRows = (what: string, m: LoadResult, cpu: string, embedded: number): { rows: Row[]; note: string } => ({
  rows: [
    {
      what: `${what} (${m.offered.toLocaleString('en-US')} offered, ${m.readBack.toLocaleString('en-US')} read back)`,
      ours: `p50 ${ms(m.p50)}, p99 ${ms(m.p99)}`,
      floor: 'target p99 ≤ 250 ms',
    },
    {
      what: "  read back per second, against the embedded platform's HTTP registrations",
      ours: fmt(m.achieved, 'reg/s'),
      floor: fmt(embedded, 'reg/s embedded, 8 clients'),
      ratio: ratio(m.achieved, embedded),
    },
  ],
  note:
    `${what}: max ${ms(m.max)}; POST due → 201 p50 ${ms(m.post.p50)}, p99 ${ms(m.post.p99)}; ` +
    `201 → GET 200 p50 ${ms(m.read.p50)}, p99 ${ms(m.read.p99)};\n    non-200 answers: ${m.postFailed} POST, ${m.getNon200} GET (a 503 is asked again); ` +
    `${m.unread} never read back; the client sent up to ${ms(m.sendLagMs)} late.\n    CPU ms per registration: ${cpu}`,
});
