/**
 * Wakes a log follower. `mark()` is taken before each read; `wait(mark)` returns at once if the
 * bell rang since, so a ring racing with a read is never slept through. Silence ends after
 * `pollMs` anyway: the bell is a hint, the log is the truth.
 */
export class Doorbell {
  private rings = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly pollMs: number) {}

  ring(): void {
    this.rings++;
    this.wake?.();
  }

  mark(): number {
    return this.rings;
  }

  wait(since: number): Promise<void> {
    if (this.rings !== since) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wake = done;
    });
  }
}
