import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import type { DocumentCollection, IndexSpec, ReadStore } from '@hcms/shared-kernel';
import { MongoCollection, type DocRecord } from './mongo-collection.js';

const NAMESPACE_NOT_FOUND = 26;

/** Read models in MongoDB (or any MongoDB-wire server): one collection per read model. */
export class MongoReadStore implements ReadStore {
  /** Collections opened, and the creation of each index asked of them (settled ones stay, as done). */
  private readonly ready = new Map<
    string,
    { readonly raw: Collection<DocRecord>; readonly col: MongoCollection<unknown>; readonly indexed: Map<string, Promise<string>> }
  >();

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

  async collection<T>(name: string, indexes: readonly IndexSpec[] = []): Promise<DocumentCollection<T>> {
    let entry = this.ready.get(name);
    if (!entry) {
      const raw = this.db.collection<DocRecord>(name);
      entry = { raw, col: new MongoCollection<unknown>(raw), indexed: new Map() };
      this.ready.set(name, entry);
    }
    const { raw, col, indexed } = entry;
    // Each index once per process, one after another (FerretDB takes DDL on a collection in turn);
    // creating an existing one is a no-op on the server too.
    for (const index of indexes) {
      const indexName = `by_${index.fields.join('_')}`;
      let created = indexed.get(indexName);
      if (!created) {
        const keys = Object.fromEntries(index.fields.map((f) => [`doc.${f}`, 1]));
        created = raw.createIndex(keys, { name: indexName });
        indexed.set(indexName, created);
      }
      try {
        await created;
      } catch (error) {
        if (indexed.get(indexName) === created) indexed.delete(indexName); // asked again next time, once
        throw error;
      }
    }
    return col as DocumentCollection<T>;
  }

  async drop(name: string): Promise<void> {
    this.ready.delete(name);
    try {
      await this.db.collection(name).drop();
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
    }
  }

  /** The server keeps its own old copies (FerretDB on PostgreSQL: dead rows until VACUUM): nothing this client can do. */
  async compact(): Promise<void> {}

  async close(): Promise<void> {
    await this.client.close();
  }
}
