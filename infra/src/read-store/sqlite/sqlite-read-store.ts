import type Database from 'better-sqlite3';
import type { DocumentCollection, IndexSpec, ReadStore } from '@hcms/shared-kernel';
import { SqliteCollection } from './sqlite-collection.js';
import { checkpointFully } from '../../event-store/sqlite/sqlite-database.js';

const tableOf = (name: string): string => {
  if (!/^[a-z_][a-z0-9_-]{0,62}$/.test(name)) throw new Error(`invalid collection name ${JSON.stringify(name)}`);
  return `rm_${name.replace(/-/g, '_')}`;
};

/** Read models as JSON documents in SQLite: rebuildable, so `normal` durability is enough. */
export class SqliteReadStore implements ReadStore {
  private readonly collections = new Map<string, SqliteCollection<unknown>>();

  constructor(private readonly db: Database.Database) {}

  async collection<T>(name: string, indexes: readonly IndexSpec[] = []): Promise<DocumentCollection<T>> {
    const existing = this.collections.get(name);
    if (existing) return (existing.index(indexes), existing as SqliteCollection<T>);
    const created = new SqliteCollection<T>(this.db, tableOf(name), indexes);
    this.collections.set(name, created);
    return created;
  }

  async drop(name: string): Promise<void> {
    this.collections.delete(name);
    this.db.exec(`DROP TABLE IF EXISTS "${tableOf(name)}"`);
  }

  async compact(): Promise<void> {
    await checkpointFully(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
