import type { DocumentCollection, IndexSpec, ReadStore } from '@hcms/shared-kernel';

/**
 * A real read store that can be made unreachable: while `down`, every call fails as a lost
 * connection would. Collections handed out earlier fail too, as a pooled connection's would.
 */
export class OutageReadStore implements ReadStore {
  down = false;

  constructor(private readonly inner: ReadStore) {}

  private check(): void {
    if (this.down) throw new Error('read store unreachable');
  }

  async collection<T>(name: string, indexes?: readonly IndexSpec[]): Promise<DocumentCollection<T>> {
    this.check();
    const real = await this.inner.collection<T>(name, indexes);
    const guarded =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A) => (this.check(), call(...args));
    return {
      get: guarded((id) => real.get(id)),
      getMany: guarded((ids) => real.getMany(ids)),
      put: guarded((id, doc, version) => real.put(id, doc, version)),
      remove: guarded((id, version) => real.remove(id, version)),
      putMany: guarded((items) => real.putMany(items)),
      find: guarded((query) => real.find(query)),
      count: guarded((where) => real.count(where)),
    };
  }

  async drop(name: string): Promise<void> {
    this.check();
    await this.inner.drop(name);
  }

  async compact(): Promise<void> {
    this.check();
    await this.inner.compact();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
