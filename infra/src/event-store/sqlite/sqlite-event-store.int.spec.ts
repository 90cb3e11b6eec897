import { expect } from 'chai';
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
    db.exec('DELETE FROM log_identity'); // as the file was before
    db.close();

    const [first, second] = [open(path), open(path)];
    const id = await first.logId();
    expect(id).to.be.a('string');
    expect(await second.logId()).to.equal(id);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('A SQLite file shared by processes', () => {
  it('rings a follower that hears other writers at their append, not at its next poll', async () => {
    const path = join(dir.path, `shared-${++n}.db`);
    const [writer, follower] = [open(path), new SqliteEventStore(openDatabase(path, 'full'), systemClock, 60_000)];
    follower.hearOtherWriters(60_000);
    const seen: string[] = [];
    const subscription = follower.subscribeToAll(async (batch) => void seen.push(...batch.map((e) => e.streamId)));
    await subscription.caughtUp;

    const stream = uniqueStream();
    await writer.append(stream, [newEvent()], 'no-stream');
    // Within the test's timeout only if heard: the follower would poll again in a minute.
    await eventually(() => seen.includes(stream), 'the other writer’s append followed');

    await subscription.stop();
    await Promise.all([writer.close(), follower.close()]);
  });
});
