import type { StoredEvent } from '../envelope.js';
import type { EventStore, ReadAllOptions } from '../ports/event-store.js';

type LogReader = Pick<EventStore, 'readAll' | 'readStream' | 'logId' | 'headPosition'>;

/** One unbroken run of the log: every event in (from, last]. */
class Run {
  usedAt = 0;
  /** Its last read from the store came back short: its end was the head then. */
  reachedHead = false;

  constructor(
    public from: number,
    public events: StoredEvent[],
  ) {}

  get last(): number {
    return this.events[this.events.length - 1]?.position ?? this.from;
  }

  holds(after: number): boolean {
    return this.events.length > 0 && after >= this.from && after < this.last;
  }

  /** Index of the first event after `position` (events are in position order). */
  firstAfter(position: number): number {
    let [low, high] = [0, this.events.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.events[mid]?.position ?? Infinity) > position) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  trim(capacity: number): void {
    if (this.events.length <= capacity) return;
    const dropped = this.events.splice(0, this.events.length - capacity);
    this.from = dropped[dropped.length - 1]?.position ?? this.from;
  }
}

/**
 * Recent stretches of the log, shared by every subscription of a process: they follow the same
 * events, so one read from the store serves them all. Each run is unbroken — every event in
 * (from, last] — and grows only from reads that cover its end, so it never answers with a gap.
 * Several runs are kept because subscriptions catching up drift apart: those that skip most events
 * race ahead of those that write a document per event, and one run would follow the leaders only,
 * leaving every other subscription to read and decode the log again on its own. A read outside
 * every run goes to the store and starts a run in place of the least recently used one.
 */
export class LogTail implements LogReader {
  private readonly runs: Run[] = [];
  private uses = 0;

  constructor(
    private readonly store: LogReader,
    private readonly capacity = 5_000,
    private readonly maxRuns = 4,
  ) {}

  async readAll(options: ReadAllOptions): Promise<readonly StoredEvent[]> {
    const after = options.after ?? 0;
    const run = this.runs.find((r) => r.holds(after));
    if (run) {
      run.usedAt = ++this.uses;
      const start = run.firstAfter(after);
      const held = run.events.slice(start, start + options.maxCount);
      if (held.length === options.maxCount || run.reachedHead) return held;
      // Short of a full batch only at the head, as the store's reads are: a catch-up that reached
      // the end of a run takes the rest from the store (and a follower may tell a catch-up by it).
      const last = run.last;
      const rest = { after: last, maxCount: options.maxCount - held.length };
      const more = await this.store.readAll(rest);
      this.take(rest, more);
      return [...held, ...more];
    }
    const read = await this.store.readAll(options);
    this.take(options, read);
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

  /** `read` is every event after `after`, up to its last: it extends the run whose end it covers, or starts one. */
  private take(asked: ReadAllOptions, read: readonly StoredEvent[]): void {
    const after = asked.after ?? 0;
    let run = this.runs.find((r) => r.events.length > 0 && after >= r.from && after <= r.last);
    const reachedHead = read.length < asked.maxCount;
    if (read.length === 0) {
      if (run && after === run.last) run.reachedHead = true;
      return;
    }
    if (run) {
      const last = run.last;
      run.events.push(...read.filter((e) => e.position > last));
    } else {
      run = new Run(after, [...read]);
      run.usedAt = ++this.uses; // newest: never the one set aside for it
      this.runs.push(run);
      if (this.runs.length > this.maxRuns) {
        const oldest = this.runs.reduce((a, b) => (b.usedAt < a.usedAt ? b : a));
        this.runs.splice(this.runs.indexOf(oldest), 1);
      }
    }
    run.usedAt = ++this.uses;
    run.reachedHead = reachedHead;
    run.trim(this.capacity);
  }
}
