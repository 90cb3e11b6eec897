import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Durability = 'full' | 'normal';

/**
 * WAL mode: readers never block the writer. `full` fsyncs every commit (an acknowledged
 * write survives power loss); `normal` may lose the last commits on power loss, never corrupts.
 */
export const openDatabase = (path: string, durability: Durability): SqliteDatabase => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First: several processes opening one file at once wait for each other, even to switch it to WAL.
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  // What is deleted or rewritten is overwritten, not left in free pages: an erased patient's data must not linger.
  db.pragma('secure_delete = ON');
  return db;
};

// A named interface so declaration files can refer to it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SqliteDatabase extends Database.Database {}

/**
 * Moves the whole WAL into the database file and truncates it, retrying while another
 * connection's read snapshot still needs part of it: afterwards no frame of the WAL holds an old
 * copy of a page. Throws if readers keep it busy for about two seconds.
 */
export const checkpointFully = async (db: SqliteDatabase): Promise<void> => {
  for (let attempt = 0; attempt < 40; attempt++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the WAL could not be truncated: other connections keep reading an older snapshot');
};
