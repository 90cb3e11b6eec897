import type Database from 'better-sqlite3';
import type { CheckpointStore } from '@hcms/shared-kernel';
import { EVENTS_SCHEMA } from './event-rows.js';

/** Checkpoints kept next to the events they point into. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly get;
  private readonly set;

  constructor(db: Database.Database) {
    db.exec(EVENTS_SCHEMA);
    this.get = db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?');
    this.set = db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
  }

  async load(name: string): Promise<number | undefined> {
    return this.get.get(name)?.position;
  }

  async save(name: string, position: number): Promise<void> {
    this.set.run(name, position);
  }
}
