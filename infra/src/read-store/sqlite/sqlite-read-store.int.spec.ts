import { join } from 'node:path';
import { readStoreContract } from '../../testing/read-store.contract.js';
import { tempDir } from '../../testing/fixtures.js';
import { openDatabase } from '../../event-store/sqlite/sqlite-database.js';
import { SqliteReadStore } from './sqlite-read-store.js';

const dir = tempDir();
after(() => dir.remove());

readStoreContract('SQLite file', async () => new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'normal')));
