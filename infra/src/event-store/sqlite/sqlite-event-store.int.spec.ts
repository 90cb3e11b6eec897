import { join } from 'node:path';
import { eventStoreContract } from '../../testing/event-store.contract.js';
import { tempDir } from '../../testing/fixtures.js';
import { systemClock } from '../../system/system-clock.js';
import { openDatabase } from './sqlite-database.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = tempDir();
after(() => dir.remove());
let n = 0;

eventStoreContract(
  'SQLite file',
  async () => new SqliteEventStore(openDatabase(join(dir.path, `events-${++n}.db`), 'full'), systemClock, 20),
);
