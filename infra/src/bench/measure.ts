export interface Row {
  readonly what: string;
  readonly ours: string;
  readonly floor?: string;
  readonly ratio?: string;
}

export const rate = (count: number, ms: number): number => Math.round((count / ms) * 1000);
export const fmt = (n: number, unit: string): string => `${n.toLocaleString('en-US')} ${unit}`;
export const ratio = (ours: number, floor: number): string => `${(ours / floor).toFixed(2)}×`;

export const timed = async (work: () => Promise<void> | void): Promise<number> => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs `worker` on `concurrency` lanes until `total` jobs are done. */
export const lanes = async (concurrency: number, total: number, worker: (i: number) => Promise<unknown>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await worker(next++);
    }),
  );
};

export const printTable = (rows: readonly Row[]): void => {
  const header = ['figure', 'HCMS', 'floor (same run)', 'ratio'];
  const lines = rows.map((r) => [r.what, r.ours, r.floor ?? '', r.ratio ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const show = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  process.stdout.write(`${show(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(show).join('\n')}\n`);
};
