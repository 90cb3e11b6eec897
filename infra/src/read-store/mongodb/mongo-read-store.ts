import { MongoClient, MongoServerError, type Db } from 'mongodb';
import type { DocumentCollection, IndexSpec, ReadStore } from '@hcms/shared-kernel';
import { MongoCollection, type DocRecord } from './mongo-collection.js';

const NAMESPACE_NOT_FOUND = 26;

/** Read models in MongoDB (or any MongoDB-wire server): one collection per read model. */
export class MongoReadStore implements ReadStore {
  private readonly ready = new Map<string, Promise<MongoCollection<unknown>>>();

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** `mongodb://host:port/<database>`: the database named in the URL (else `database`). */
  static async connect(url: string, database?: string): Promise<MongoReadStore> {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    return new MongoReadStore(client, client.db(database ?? (new URL(url).pathname.slice(1) || 'hcms')));
  }

  collection<T>(name: string, indexes: readonly IndexSpec[] = []): Promise<DocumentCollection<T>> {
    let ready = this.ready.get(name);
    if (!ready) {
      ready = (async () => {
        const col = this.db.collection<DocRecord>(name);
        // Indexes are created at start-up; creating an existing one is a no-op.
        for (const index of indexes) {
          await col.createIndex(Object.fromEntries(index.fields.map((f) => [`doc.${f}`, 1])), { name: `by_${index.fields.join('_')}` });
        }
        return new MongoCollection<unknown>(col);
      })();
      this.ready.set(name, ready);
    }
    return ready as Promise<DocumentCollection<T>>;
  }

  async drop(name: string): Promise<void> {
    this.ready.delete(name);
    try {
      await this.db.collection(name).drop();
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
