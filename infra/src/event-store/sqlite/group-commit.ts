/**
 * Collects the appends that arrive in the same turn of the event loop and commits them in
 * one transaction: one fsync for many callers, which is what makes durable writes fast.
 */
export class GroupCommit<Req, Res> {
  private pending: { req: Req; resolve: (r: Res) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly commit: (requests: readonly Req[]) => readonly (Res | Error)[],
    private readonly maxBatch = 1000,
  ) {}

  submit(req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.pending.push({ req, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      let outcomes: readonly (Res | Error)[];
      try {
        outcomes = this.commit(batch.map((p) => p.req));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
        continue;
      }
      batch.forEach((p, i) => {
        const outcome = outcomes[i];
        if (outcome instanceof Error) p.reject(outcome);
        else p.resolve(outcome as Res);
      });
    }
  }
}
