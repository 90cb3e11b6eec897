import { deepStrictEqual } from 'node:assert/strict';
import type { StoredEvent } from '../envelope.js';
import type { ReadAllOptions } from '../ports/event-store.js';
import { LogTail } from './log-tail.js';

/** A log with gaps in its positions, as EventStoreDB's commit positions have. */
const log: StoredEvent[] = Array.from({ length: 40 }, (_, i) => ({
  id: `e${i}`,
  type: 'test.Happened',
  streamId: `s${i % 3}`,
  version: Math.floor(i / 3) + 1,
  position: (i + 1) * 10,
  recordedAt: '2026-01-01T00:00:00.000Z',
  data: {},
  metadata: { actor: { id: 'a', role: 'admin' }, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
}));

const countingStore = () => {
  const reads: ReadAllOptions[] = [];
  let head = 20;
  return {
    reads,
    grow: (n: number) => (head += n),
    readAll: async (o: ReadAllOptions) => (
      reads.push(o),
      log
        .slice(0, head)
        .filter((e) => e.position > (o.after ?? 0))
        .slice(0, o.maxCount)
    ),
    readStream: async () => [],
    logId: async () => 'log-1',
    headPosition: async () => 0,
  };
};

const positions = (events: readonly StoredEvent[]) => events.map((e) => e.position);

describe('LogTail', () => {
  it('answers a second reader of the same range from memory, exactly as the store would', async () => {
    const store = countingStore();
    const tail = new LogTail(store);
    const first = await tail.readAll({ after: 0, maxCount: 500 });
    const second = await tail.readAll({ after: 0, maxCount: 500 });
    const middle = await tail.readAll({ after: 55, maxCount: 3 });
    deepStrictEqual(positions(second), positions(first));
    deepStrictEqual(positions(middle), [60, 70, 80]);
    deepStrictEqual(store.reads.length, 1);
  });

  it('answers a full batch when the store has one, short only at the head', async () => {
    const store = countingStore();
    const tail = new LogTail(store);
    await tail.readAll({ after: 0, maxCount: 10 }); // holds 10..100, not the head
    deepStrictEqual(positions(await tail.readAll({ after: 50, maxCount: 10 })), [60, 70, 80, 90, 100, 110, 120, 130, 140, 150]);
    deepStrictEqual(store.reads.at(-1), { after: 100, maxCount: 5 });
    deepStrictEqual(positions(await tail.readAll({ after: 100, maxCount: 500 })), [110, 120, 130, 140, 150, 160, 170, 180, 190, 200]);
    const reads = store.reads.length;
    // At the head as far as it knows: what it holds, without asking the store again.
    deepStrictEqual(positions(await tail.readAll({ after: 180, maxCount: 500 })), [190, 200]);
    deepStrictEqual(store.reads.length, reads);
  });

  it('goes to the store at the end of what it holds, and grows with what it reads there', async () => {
    const store = countingStore();
    const tail = new LogTail(store);
    await tail.readAll({ after: 0, maxCount: 500 });
    deepStrictEqual(await tail.readAll({ after: 200, maxCount: 500 }), []);
    store.grow(5);
    deepStrictEqual(positions(await tail.readAll({ after: 200, maxCount: 500 })), [210, 220, 230, 240, 250]);
    deepStrictEqual(positions(await tail.readAll({ after: 190, maxCount: 500 })), [200, 210, 220, 230, 240, 250]);
    deepStrictEqual(store.reads.length, 3);
  });

  it('never answers across a gap: a read from before what it holds goes to the store', async () => {
    const store = countingStore();
    const tail = new LogTail(store, 5);
    await tail.readAll({ after: 0, maxCount: 500 });
    deepStrictEqual(positions(await tail.readAll({ after: 100, maxCount: 2 })), [110, 120]);
    deepStrictEqual(store.reads.length, 2);
    deepStrictEqual(positions(await tail.readAll({ after: 160, maxCount: 500 })), [170, 180, 190, 200]);
    deepStrictEqual(store.reads.length, 2);
  });

  it('keeps a run for readers far behind while others read far ahead, and sets aside the least used', async () => {
    const store = countingStore();
    store.grow(20);
    const tail = new LogTail(store, 10, 2);
    await tail.readAll({ after: 0, maxCount: 5 }); // the laggards' run: (0, 50]
    await tail.readAll({ after: 300, maxCount: 5 }); // a leader's: (300, 350]
    deepStrictEqual(positions(await tail.readAll({ after: 310, maxCount: 2 })), [320, 330]);
    deepStrictEqual(positions(await tail.readAll({ after: 20, maxCount: 2 })), [30, 40]);
    deepStrictEqual(store.reads.length, 2);

    await tail.readAll({ after: 150, maxCount: 5 }); // a third run: the least recently used, the leader's, goes
    deepStrictEqual(positions(await tail.readAll({ after: 10, maxCount: 1 })), [20]);
    deepStrictEqual(store.reads.length, 3);
    await tail.readAll({ after: 310, maxCount: 1 });
    deepStrictEqual(store.reads.length, 4);
  });
});
