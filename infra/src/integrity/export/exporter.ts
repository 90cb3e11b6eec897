import { createHash, sign, type KeyObject } from 'node:crypto';
import { mkdir, open, readdir, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { MerkleTree, type AuditLog, type Clock, type EventStore } from '@hcms/shared-kernel';
import { sealSources, type SealEntry, type SealSource } from '../seal-sources.js';
import { SEALED_LOGS, type SealedLog, type SqliteSealStore } from '../sqlite-seal-store.js';
import {
  EXPORT_FORMAT,
  fileNames,
  type ExportedFile,
  type ExportedLog,
  type ExportFilter,
  type Manifest,
  type ProofLine,
} from './export-format.js';

export interface ExportDeps {
  readonly store: EventStore;
  readonly auditLog: AuditLog;
  readonly seal: SqliteSealStore;
  readonly key: KeyObject;
  readonly clock: Clock;
}

export interface ExportOptions {
  readonly out: string;
  readonly filter: ExportFilter;
  /** Told as entries are scanned: how many of how many. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops the export between batches (it then throws the signal's reason). */
  readonly signal?: AbortSignal;
}

const BATCH = 1000;

/** The log's entries up to `last` (a position), in order: read as the sealer reads them. */
async function* entriesOf(source: SealSource, last: number): AsyncGenerator<SealEntry> {
  for (let after = 0; after < last;) {
    const batch = await source.page(after, BATCH);
    for (const entry of batch) {
      if (entry.position > last) return;
      yield entry;
    }
    if (batch.length < BATCH) return;
    after = batch.at(-1)?.position ?? last;
  }
}

/** A file written in large chunks while its SHA-256 is taken. */
class HashedFile {
  private readonly hash = createHash('sha256');
  private chunks: Buffer[] = [];
  private pending = 0;
  private bytes = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Opened for writing; `opened` keeps it, so an export that stops half-way still closes it. */
  static async create(path: string, opened: HashedFile[]): Promise<HashedFile> {
    const file = new HashedFile(await open(path, 'wx'));
    opened.push(file);
    return file;
  }

  /** Closes it without finishing it (the export stopped): its directory is removed after. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  async write(data: Buffer): Promise<void> {
    this.chunks.push(data);
    this.pending += data.length;
    if (this.pending >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = Buffer.concat(this.chunks);
    [this.chunks, this.pending] = [[], 0];
    this.hash.update(chunk);
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }

  async close(): Promise<ExportedFile> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

const NEWLINE = Buffer.from('\n');

/** The export itself; `opened` collects its files as they are opened. */
const writeExport = async (deps: ExportDeps, options: ExportOptions, opened: HashedFile[]): Promise<Manifest> => {
  const { out, filter } = options;
  await mkdir(out, { recursive: true });
  if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty: an export never overwrites files`);
  const selection = filter.patientId !== undefined || filter.from !== undefined || filter.to !== undefined;
  const sources = sealSources(deps.store, deps.auditLog, 0); // read, never followed: no polling
  const matches = (e: SealEntry) =>
    (filter.patientId === undefined || e.patientIds.includes(filter.patientId)) &&
    (filter.from === undefined || e.recordedAt >= filter.from) &&
    (filter.to === undefined || e.recordedAt < filter.to);

  const cuts = SEALED_LOGS.flatMap((log) => {
    const checkpoint = deps.seal.latestCheckpoint(log);
    return checkpoint ? [{ log, checkpoint }] : [];
  });
  const total = cuts.reduce((sum, { checkpoint }) => sum + checkpoint.size, 0);
  let done = 0;
  const files: Record<string, ExportedFile> = {};
  const logs: Partial<Record<SealedLog, ExportedLog>> = {};

  for (const { log, checkpoint } of cuts) {
    const names = fileNames(log);
    const origin = checkpoint.note.slice(0, checkpoint.note.indexOf('\n'));
    await writeFile(join(out, names.checkpoint), checkpoint.note, { flag: 'wx' });
    files[names.checkpoint] = {
      sha256: createHash('sha256').update(checkpoint.note).digest('hex'),
      bytes: Buffer.byteLength(checkpoint.note),
    };

    // Every leaf up to the checkpoint, and the tree over them for a selection's proofs.
    const tree = new MerkleTree();
    const leaves = await HashedFile.create(join(out, names.leaves), opened);
    let last = 0;
    for (const leaf of deps.seal.leaves(log, 0, checkpoint.size)) {
      await leaves.write(leaf.hash);
      if (selection) tree.append(leaf.hash);
      last = leaf.position;
    }
    files[names.leaves] = await leaves.close();

    const lines = await HashedFile.create(join(out, names.entries), opened);
    const proofs = selection ? await HashedFile.create(join(out, names.proofs), opened) : undefined;
    let entries = 0;
    for await (const entry of entriesOf(sources[log], last)) {
      if (++done % BATCH === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.(done, total);
      }
      if (!matches(entry)) continue;
      entries += 1;
      await lines.write(Buffer.concat([entry.bytes, NEWLINE]));
      if (!proofs) continue;
      // An entry the seal does not hold is exported all the same: verification names it.
      const index = deps.seal.leafAt(log, entry.position)?.index ?? -1;
      const proof =
        index >= 0 && index < checkpoint.size ? tree.inclusionProof(index, checkpoint.size).map((p) => p.toString('base64')) : [];
      await proofs.write(Buffer.from(`${JSON.stringify({ index, position: entry.position, proof } satisfies ProofLine)}\n`));
    }
    files[names.entries] = await lines.close();
    if (proofs) files[names.proofs] = await proofs.close();
    logs[log] = { origin, size: checkpoint.size, entries, lastPosition: last, headPosition: await sources[log].head() };
  }
  options.onProgress?.(total, total);

  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    exportedAt: deps.clock.now().toISOString(),
    scope: selection ? 'selection' : 'complete',
    filter,
    logs,
    files,
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(out, 'manifest.json'), bytes, { flag: 'wx' });
  await writeFile(join(out, 'manifest.sig'), `${sign(null, bytes, deps.key).toString('base64')}\n`, { flag: 'wx' });
  return manifest;
};

/**
 * Writes an export (see `export-format.ts`) cut at each log's newest signed checkpoint: what was
 * sealed and signed, as the logs hold it, with what proves it. Returns its manifest.
 */
export const exportRecord = async (deps: ExportDeps, options: ExportOptions): Promise<Manifest> => {
  const opened: HashedFile[] = [];
  try {
    return await writeExport(deps, options, opened);
  } catch (error) {
    for (const file of opened) await file.abandon();
    throw error;
  }
};
