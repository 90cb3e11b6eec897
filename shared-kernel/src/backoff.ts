export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
}

/** Capped exponential backoff: 50, 100, 200 … ms by default, never above `maxMs` (5 s). */
export const backoffDelay = (attempt: number, options: BackoffOptions = {}): number =>
  Math.min(options.maxMs ?? 5000, (options.initialMs ?? 50) * 2 ** Math.max(0, attempt - 1));

/**
 * Sleeps that `wakeAll` cuts short, and that return at once after it: a stop must not wait out
 * a backoff of several seconds, and nothing should start a new one once stopping has begun.
 */
export class Pauses {
  private readonly sleepers = new Set<() => void>();
  private woken = false;

  sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  wakeAll(): void {
    this.woken = true;
    for (const done of [...this.sleepers]) done();
  }
}
