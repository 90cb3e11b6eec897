import type { SubscriptionRecord, SubscriptionStore } from './subscription-store.js';

/**
 * A subscription's record in memory and its saves: they trail changes by `delayMs`, so one write
 * covers many events; they are serialised; a failed one is retried by the next, so progress is
 * never lost in memory.
 */
export class RecordKeeper {
  record: SubscriptionRecord = { position: 0, parked: [], updatedAt: new Date(0).toISOString() };
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly records: SubscriptionStore,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs: number,
  ) {}

  async load(): Promise<void> {
    this.record = (await this.records.load(this.name)) ?? this.record;
  }

  change(change: Partial<SubscriptionRecord>): void {
    this.replace({ ...this.record, ...change });
  }

  /** The whole record at once: what it leaves out is gone (a record of another log starting over). */
  replace(record: SubscriptionRecord): void {
    this.record = { ...record, updatedAt: new Date().toISOString() };
    this.dirty = true;
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves now; true once everything changed so far is on record. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.records.save(this.name, this.record);
      } catch (error) {
        this.dirty = true;
        this.onError(error);
        if (!this.closed && !this.timer) this.timer = setTimeout(() => void this.flush(), 1000);
      }
    });
    await this.saving;
    return !this.dirty;
  }

  /** A last save; no more are scheduled after it. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
