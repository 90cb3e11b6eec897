import { createPublicKey, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { exportRecord } from '../integrity/export/exporter.js';
import type { ExportFilter } from '../integrity/export/export-format.js';
import { openExportDeps } from '../integrity/export/open-export-deps.js';
import { eventually } from './fixtures.js';

const filesUnder = (dir: string): { path: string; bytes: Buffer }[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });

/** Where any of `strings` is found, byte for byte, in any file under `dir` (databases, their WAL, logs, exports). */
export const bytesFound = (dir: string, strings: readonly string[]): string[] =>
  filesUnder(dir).flatMap(({ path, bytes }) => strings.filter((s) => bytes.includes(s)).map((s) => `${s} in ${path.slice(dir.length)}`));

/** An export of a platform's data directory into `out`, once its event log is sealed to the head. */
export const exportWhenSealed = async (dataDir: string, out: string, filter: ExportFilter = {}): Promise<{ publicKey: KeyObject }> => {
  const deps = await openExportDeps(platformContainer(loadConfig({ HCMS_DATA_DIR: dataDir, HCMS_LOG_LEVEL: 'silent' })));
  try {
    const head = await deps.store.headPosition();
    await eventually(() => (deps.seal.latestCheckpoint('events')?.size ?? 0) >= head, 'the log sealed to its head', 30_000);
    await exportRecord(deps, { out, filter });
    return { publicKey: createPublicKey(deps.key) };
  } finally {
    await deps.close();
  }
};
