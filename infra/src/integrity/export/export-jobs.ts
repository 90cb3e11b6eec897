import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdGenerator } from '@hcms/shared-kernel';
import type { ExportFilter, Manifest } from './export-format.js';
import { exportRecord, type ExportDeps } from './exporter.js';

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportJob {
  readonly exportId: string;
  readonly status: ExportStatus;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly filter: ExportFilter;
  readonly progress: { readonly done: number; readonly total: number };
  readonly finishedAt?: string;
  readonly error?: string;
  readonly manifest?: Manifest;
}

const readJob = (path: string): ExportJob | undefined => {
  try {
    const job = JSON.parse(readFileSync(path, 'utf8')) as Partial<ExportJob>;
    return typeof job.exportId === 'string' && typeof job.status === 'string' ? (job as ExportJob) : undefined;
  } catch {
    return undefined;
  }
};

/** Files an export holds besides those its manifest lists. */
export const SIGNED_MANIFEST = ['manifest.json', 'manifest.sig'] as const;

/**
 * Exports asked for over HTTP, run one at a time in this process. Each job's state is a small
 * JSON file next to its directory, replaced whole on each change, so a restart finds every job:
 * one that was running then is marked failed (its partial files removed), never left "running".
 */
export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();
  private readonly aborts = new Map<string, AbortController>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly deps: ExportDeps,
    private readonly ids: IdGenerator,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const job = readJob(join(dir, name));
      if (!job) continue; // not a job's file (half written, or someone else's): left alone
      if (job.status === 'queued' || job.status === 'running') {
        rmSync(this.filesOf(job.exportId), { recursive: true, force: true });
        this.save({
          ...job,
          status: 'failed',
          error: 'interrupted by a restart; ask again',
          finishedAt: this.deps.clock.now().toISOString(),
        });
      } else this.jobs.set(job.exportId, job);
    }
    // A directory whose job is gone was being removed when the process stopped.
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !this.jobs.has(entry.name)) rmSync(join(dir, entry.name), { recursive: true, force: true });
    }
  }

  /** Where a job's files are. */
  filesOf(exportId: string): string {
    return join(this.dir, exportId);
  }

  get(exportId: string): ExportJob | undefined {
    return this.jobs.get(exportId);
  }

  start(requestedBy: string, filter: ExportFilter): ExportJob {
    const job: ExportJob = {
      exportId: this.ids.next(),
      status: 'queued',
      requestedBy,
      requestedAt: this.deps.clock.now().toISOString(),
      filter,
      progress: { done: 0, total: 0 },
    };
    this.save(job);
    const abort = new AbortController();
    this.aborts.set(job.exportId, abort);
    this.queue = this.queue.then(() => this.run(job.exportId, abort.signal));
    return job;
  }

  /**
   * Stops a job that has not finished, and removes it with its files: afterwards it is unknown.
   * Returns what it was (`cancelled` if it had not finished), or undefined if there is no such job.
   */
  remove(exportId: string): ExportJob | undefined {
    const job = this.jobs.get(exportId);
    if (!job) return undefined;
    this.jobs.delete(exportId);
    rmSync(join(this.dir, `${exportId}.json`), { force: true });
    const unfinished = this.aborts.get(exportId);
    // An export still writing removes its own files once it has stopped: removing them under it would race its writes.
    if (unfinished) unfinished.abort(new Error('cancelled'));
    else rmSync(this.filesOf(exportId), { recursive: true, force: true });
    const finished = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
    return finished ? job : { ...job, status: 'cancelled', finishedAt: this.deps.clock.now().toISOString() };
  }

  /** Waits for every job asked for so far (a clean stop). */
  async drain(): Promise<void> {
    for (const abort of this.aborts.values()) abort.abort(new Error('the platform is stopping'));
    await this.queue;
  }

  private async run(exportId: string, signal: AbortSignal): Promise<void> {
    const queued = this.jobs.get(exportId);
    if (!queued || signal.aborted) return;
    let saved = 0;
    try {
      this.save({ ...queued, status: 'running' });
      const manifest = await exportRecord(this.deps, {
        out: this.filesOf(exportId),
        filter: queued.filter,
        signal,
        // Progress is kept in memory, and saved now and then: a file write per batch would cost more than the batch.
        onProgress: (done, total) => {
          const job = this.jobs.get(exportId);
          if (job?.status !== 'running') return;
          const moved = { ...job, progress: { done, total } };
          if (done - saved < 50_000) return void this.jobs.set(exportId, moved);
          saved = done;
          this.save(moved);
        },
      });
      const job = this.jobs.get(exportId);
      if (job?.status === 'running') this.save({ ...job, status: 'done', manifest, finishedAt: this.deps.clock.now().toISOString() });
      else rmSync(this.filesOf(exportId), { recursive: true, force: true }); // removed as it finished
    } catch (error) {
      rmSync(this.filesOf(exportId), { recursive: true, force: true });
      const job = this.jobs.get(exportId);
      if (job?.status === 'running' || job?.status === 'queued') {
        const reason = signal.aborted
          ? 'the platform stopped during the export; ask again'
          : error instanceof Error
            ? error.message
            : String(error);
        const failed: ExportJob = { ...job, status: 'failed', error: reason, finishedAt: this.deps.clock.now().toISOString() };
        // Known failed in memory even if its file cannot be written: the jobs after it must still run.
        this.jobs.set(exportId, failed);
        try {
          this.save(failed);
        } catch {
          // Its status stays in memory; after a restart the job is marked interrupted.
        }
      }
    } finally {
      this.aborts.delete(exportId);
    }
  }

  private save(job: ExportJob): void {
    this.jobs.set(job.exportId, job);
    const path = join(this.dir, `${job.exportId}.json`);
    writeFileSync(`${path}.tmp`, JSON.stringify(job));
    renameSync(`${path}.tmp`, path);
  }

  /** Whether a finished job holds this file. */
  holds(exportId: string, name: string): boolean {
    const job = this.jobs.get(exportId);
    if (job?.status !== 'done' || !job.manifest) return false;
    const listed = name in job.manifest.files || (SIGNED_MANIFEST as readonly string[]).includes(name);
    return listed && existsSync(join(this.filesOf(exportId), name));
  }
}
