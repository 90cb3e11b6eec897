import Database from 'better-sqlite3';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent } from '../testing/fixtures.js';
import { fmt, lanes, rate, ratio, timed, type Row } from './measure.js';

const PAYLOAD = { text: 'x'.repeat(380), n: 1 }; // ~500 bytes of JSON with the envelope

/** The floor: raw better-sqlite3 inserts of the same rows, same durability, same disk. */
const rawFloor = (dir: string, rowsPerTx: number, count: number): number => {
  const db = new Database(join(dir, `raw-${rowsPerTx}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE e (position INTEGER PRIMARY KEY, id TEXT UNIQUE, stream TEXT, version INT, data TEXT, UNIQUE(stream, version))');
  const insert = db.prepare('INSERT INTO e (id, stream, version, data) VALUES (?, ?, ?, ?)');
  const tx = db.transaction((n: number, base: number) => {
    for (let i = 0; i < n; i++) insert.run(randomUUID(), `s-${base + i}`, 1, JSON.stringify(PAYLOAD));
  });
  const start = performance.now();
  for (let i = 0; i < count; i += rowsPerTx) tx(rowsPerTx, i);
  const ms = performance.now() - start;
  db.close();
  return rate(count, ms);
};

export const benchStore = async (dir: string): Promise<Row[]> => {
  const store = new SqliteEventStore(openDatabase(join(dir, 'bench-events.db'), 'full'), systemClock);
  const event = () => newEvent('bench.Happened', PAYLOAD);
  const rows: Row[] = [];

  const single = 3000;
  const floor1 = rawFloor(dir, 1, single);
  const ms1 = await timed(async () => {
    for (let i = 0; i < single; i++) await store.append(`one-${i}`, [event()], 'no-stream');
  });
  rows.push({
    what: 'append, 1 event, one caller, durable (FULL)',
    ours: fmt(rate(single, ms1), 'ev/s'),
    floor: fmt(floor1, 'ev/s raw 1-row FULL'),
    ratio: ratio(rate(single, ms1), floor1),
  });

  const batches = 300;
  const floor100 = rawFloor(dir, 100, batches * 100);
  const ms100 = await timed(async () => {
    for (let i = 0; i < batches; i++) await store.append(`hundred-${i}`, Array.from({ length: 100 }, event), 'no-stream');
  });
  rows.push({
    what: 'append, 100 events per transaction, durable',
    ours: fmt(rate(batches * 100, ms100), 'ev/s'),
    floor: fmt(floor100, 'ev/s raw 100-row FULL'),
    ratio: ratio(rate(batches * 100, ms100), floor100),
  });

  for (const callers of [8, 64]) {
    const total = 20_000;
    let failures = 0;
    const ms = await timed(() =>
      lanes(callers, total, (i) => store.append(`c${callers}-${i}`, [event()], 'no-stream').catch(() => failures++)),
    );
    rows.push({
      what: `append, ${callers} concurrent callers, durable (${failures} failures)`,
      ours: fmt(rate(total, ms), 'ev/s'),
      floor: fmt(floor1, 'ev/s raw 1-row FULL'),
      ratio: ratio(rate(total, ms), floor1),
    });
  }

  await store.append('long-stream', Array.from({ length: 1000 }, event), 'no-stream');
  const reads = 300;
  for (let i = 0; i < 50; i++) await store.readStream('long-stream'); // warm-up
  const readMs = await timed(async () => {
    for (let i = 0; i < reads; i++) await store.readStream('long-stream');
  });
  rows.push({ what: 'read a 1,000-event stream', ours: `${(readMs / reads).toFixed(2)} ms`, floor: 'target ≤ 2 ms' });
  await store.close();
  return rows;
};
