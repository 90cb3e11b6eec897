import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ReadAllOptions } from '@hcms/shared-kernel';
import { join } from 'node:path';
import { eventStoreContract } from '../../testing/event-store.contract.js';
import { eventually, newEvent, tempDir, uniqueStream } from '../../testing/fixtures.js';
import { systemClock } from '../../system/system-clock.js';
import { logIdContract } from '../log-id.contract.js';
import { openDatabase } from './sqlite-database.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = tempDir();
after(() => dir.remove());
let n = 0;
const open = (path: string) => new SqliteEventStore(openDatabase(path, 'full'), systemClock, 20);

eventStoreContract('SQLite file', async () => open(join(dir.path, `events-${++n}.db`)));

// Stores on one file, each with its own connection, as processes sharing the file have.
logIdContract('SQLite file', async () => {
  const path = join(dir.path, `log-${++n}.db`);
  return { connect: async () => open(path), dispose: async () => {} };
});

describe('A SQLite file written before logs had ids', () => {
  it('gets its id when opened, and keeps it', async () => {
    const path = join(dir.path, `older-${++n}.db`);
    const older = open(path);
    await older.append(uniqueStream(), [newEvent()], 'no-stream');
    await older.close();
    const db = openDatabase(path, 'full');
    // As the file was before: no id, and none of the triggers that now keep it.
    db.exec('DROP TRIGGER log_identity_no_delete; DELETE FROM log_identity');
    db.close();

    const [first, second] = [open(path), open(path)];
    const id = await first.logId();
    expect(id).to.be.a('string');
    expect(await second.logId()).to.equal(id);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('A SQLite file shared by processes', () => {
  it('follows another process’s appends as they are written, though it polls only every minute while nobody writes', async () => {
    const path = join(dir.path, `shared-${++n}.db`);
    class CountingReads extends SqliteEventStore {
      reads = 0;
      override readAll(options: ReadAllOptions) {
        this.reads++;
        return super.readAll(options);
      }
    }
    const follower = new CountingReads(openDatabase(path, 'full'), systemClock, 20);
    follower.hearOtherWriters(60_000);
    const seen: string[] = [];
    const subscription = follower.subscribeToAll(async (batch) => void seen.push(...batch.map((e) => e.streamId)));
    await subscription.caughtUp;
    const readsWhenCaughtUp = follower.reads;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(follower.reads).to.equal(readsWhenCaughtUp, 'no poll while nobody writes (every 20 ms otherwise)');

    const stream = uniqueStream();
    // Another process: its commit becomes visible only after the write the follower hears.
    const writer = `
      import { openDatabase } from ${JSON.stringify(new URL('./sqlite-database.js', import.meta.url).href)};
      import { SqliteEventStore } from ${JSON.stringify(new URL('./sqlite-event-store.js', import.meta.url).href)};
      const store = new SqliteEventStore(openDatabase(${JSON.stringify(path)}, 'full'), { now: () => new Date() });
      await store.append(${JSON.stringify(stream)}, [${JSON.stringify(newEvent())}], 'no-stream');
      await store.close();`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', writer]);
    await eventually(() => seen.includes(stream), 'the other process’s append followed');

    await subscription.stop();
    await follower.close();
  });
});

describe('The events of a SQLite file', () => {
  it('cannot be updated or deleted, even through a connection of its own (triggers)', async () => {
    const path = join(dir.path, `sealed-${++n}.db`);
    const store = open(path);
    await store.append(uniqueStream(), [newEvent(), newEvent()], 'no-stream');
    const db = openDatabase(path, 'full');
    try {
      for (const sql of [
        `UPDATE events SET data = '{"n":2}' WHERE position = 1`,
        'DELETE FROM events WHERE position = 2',
        `UPDATE log_identity SET id = 'another'`,
        'DELETE FROM log_identity',
      ]) {
        expect(() => db.exec(sql), sql).to.throw(/append-only/);
      }
      expect((await store.readAll({ after: 0, maxCount: 10 })).map((e) => e.data)).to.deep.equal([{ n: 1 }, { n: 1 }]);
    } finally {
      db.close();
      await store.close();
    }
  });
});
