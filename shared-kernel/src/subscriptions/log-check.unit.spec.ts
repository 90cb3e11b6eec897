import { deepStrictEqual } from 'node:assert/strict';
import { checkLog, startOver } from './log-check.js';
import type { ParkedEvent, SubscriptionRecord } from './subscription-store.js';

const parked: ParkedEvent = {
  eventId: 'e1',
  type: 'test.Failed',
  streamId: 's1',
  version: 1,
  position: 7,
  error: 'boom',
  attempts: 5,
  parkedAt: '2026-01-01T00:00:00.000Z',
};
const record = (fields: Partial<SubscriptionRecord> = {}): SubscriptionRecord => ({
  position: 0,
  parked: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

describe('A subscription record and the log it meets', () => {
  it('is of this log when it names it', () => {
    deepStrictEqual(checkLog(record({ logId: 'a', position: 40 }), 'a'), { kind: 'same' });
  });

  it('is of another log when it names another', () => {
    deepStrictEqual(checkLog(record({ logId: 'a', position: 40 }), 'b'), { kind: 'other', recorded: 'a', current: 'b' });
  });

  it('takes this log’s id when it was written before logs had ids', () => {
    deepStrictEqual(checkLog(record({ position: 40 }), 'b'), { kind: 'adopt', logId: 'b' });
  });

  it('is of another log when the log is empty but the record has made progress of any kind', () => {
    const other = { kind: 'other', recorded: undefined, current: undefined };
    deepStrictEqual(checkLog(record({ position: 3722 }), undefined), other);
    deepStrictEqual(checkLog(record({ parked: [parked] }), undefined), other);
    deepStrictEqual(checkLog(record({ logId: 'a' }), undefined), { ...other, recorded: 'a' });
  });

  it('is of another log when it is past the head, whatever log it names (a store restored from a backup)', () => {
    deepStrictEqual(checkLog(record({ logId: 'a', position: 5000 }), 'a', 4000), { kind: 'other', recorded: 'a', current: 'a' });
    deepStrictEqual(checkLog(record({ position: 5000 }), 'a', 4000), { kind: 'other', recorded: undefined, current: 'a' });
    deepStrictEqual(checkLog(record({ logId: 'a', position: 4000 }), 'a', 4000), { kind: 'same' });
  });

  it('has nothing to tell while both the log and the record are empty', () => {
    deepStrictEqual(checkLog(record(), undefined), { kind: 'same' });
  });

  it('starts over at the beginning of the new log with nothing parked, keeping where it writes', () => {
    const old = record({ logId: 'a', position: 40, parked: [parked], collection: 'patients_1' });
    deepStrictEqual(startOver(old, { recorded: 'a', current: 'b' }), record({ logId: 'b', collection: 'patients_1' }));
    deepStrictEqual(startOver(old, { recorded: 'a', current: undefined }), record({ collection: 'patients_1' }));
  });
});
