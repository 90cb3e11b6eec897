import type { StoredEvent } from '../envelope.js';
import type { EventStore, ReadAllOptions } from '../ports/event-store.js';

type LogReader = Pick<EventStore, 'readAll' | 'readStream' | 'logId' | 'headPosition'>;

/**
 * The recent end of the log, shared by every subscription of a process: they follow the same
 * events, so one read from the store serves them all. It holds one unbroken run of the log — every
 * event in (from, last] — and grows only from reads that cover the run's end, so it never
 * answers with a gap. Anything before the run, or beyond it, is read from the store.
 */
export class LogTail implements LogReader {
  private from = 0;
  private events: StoredEvent[] = [];

  constructor(
    private readonly store: LogReader,
    private readonly capacity = 10_000,
  ) {}

  private get last(): number {
    return this.events[this.events.length - 1]?.position ?? this.from;
  }

  async readAll(options: ReadAllOptions): Promise<readonly StoredEvent[]> {
    const after = options.after ?? 0;
    if (this.events.length > 0 && after >= this.from && after < this.last) {
      const start = this.firstAfter(after);
      return this.events.slice(start, start + options.maxCount);
    }
    const read = await this.store.readAll(options);
    this.take(after, read);
    return read;
  }

  readStream(...args: Parameters<EventStore['readStream']>): ReturnType<EventStore['readStream']> {
    return this.store.readStream(...args);
  }

  logId(): Promise<string | undefined> {
    return this.store.logId();
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  /** `read` is every event after `after`, up to its last: it extends the run, or replaces an older one. */
  private take(after: number, read: readonly StoredEvent[]): void {
    const readLast = read[read.length - 1]?.position;
    if (readLast === undefined) return;
    if (this.events.length > 0 && after >= this.from && after <= this.last) {
      this.events.push(...read.filter((e) => e.position > this.last));
    } else if (this.events.length === 0 || readLast >= this.last) {
      [this.from, this.events] = [after, [...read]];
    } else return;
    if (this.events.length > this.capacity) {
      const dropped = this.events.splice(0, this.events.length - this.capacity);
      this.from = dropped[dropped.length - 1]?.position ?? this.from;
    }
  }

  /** Index of the first event after `position` (events are in position order). */
  private firstAfter(position: number): number {
    let [low, high] = [0, this.events.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.events[mid]?.position ?? Infinity) > position) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
