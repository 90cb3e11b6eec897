import type { EventStore } from '../ports/event-store.js';
import type { LogChange, Reactor } from './reactor.js';
import type { RecordKeeper } from './record-keeper.js';
import type { SubscriptionRecord } from './subscription-store.js';

/** How a subscription's record stands to the log it is about to read. */
export type LogCheck =
  /** Of this log, or nothing to tell yet (an empty log and a record that has done nothing). */
  | { readonly kind: 'same' }
  /** Written before logs had ids: taken as this log's from now on. */
  | { readonly kind: 'adopt'; readonly logId: string }
  /** Of another log: its positions and parked events mean nothing here. */
  | ({ readonly kind: 'other' } & LogChange);

/**
 * `current` is the event store's log id, undefined while the log is empty; `head` its last position.
 * A record past the head is of another log too, whatever id it names: a store restored from a backup
 * keeps its id but reuses the positions after the backup, which a record from later would skip.
 */
export const checkLog = (record: SubscriptionRecord, current: string | undefined, head = Infinity): LogCheck => {
  if (current === undefined) {
    // An empty log has no id yet: whatever progress is on record was made on another log.
    const progressed = record.logId !== undefined || record.position > 0 || record.parked.length > 0;
    return progressed ? { kind: 'other', recorded: record.logId, current } : { kind: 'same' };
  }
  if (record.position > head) return { kind: 'other', recorded: record.logId, current };
  if (record.logId === current) return { kind: 'same' };
  if (record.logId === undefined) return { kind: 'adopt', logId: current };
  return { kind: 'other', recorded: record.logId, current };
};

/** The record once it starts over at the beginning of the current log: nothing done, nothing parked. */
export const startOver = (record: SubscriptionRecord, change: LogChange): SubscriptionRecord => {
  const { logId: _old, ...kept } = record;
  return { ...kept, position: 0, parked: [], ...(change.current === undefined ? {} : { logId: change.current }) };
};

export const logChangeWarning = (subscription: string, change: LogChange): string =>
  change.recorded !== undefined && change.recorded === change.current
    ? `the record of ${subscription} is past the head of log ${change.current} (a store restored from a backup?); ` +
      'starting over at the beginning of this log, nothing parked'
    : `the record of ${subscription} is of log ${change.recorded ?? '(none: written before logs had ids)'}, but the event store ` +
      `holds log ${change.current ?? '(none yet: it is empty)'}; starting over at the beginning of this log, nothing parked`;

/**
 * Before a subscription reads its log: a record from before logs had ids takes this log's; a record
 * of another log starts over at the beginning of this one, once the reactor has set the old log's
 * effects aside (a reactor that throws leaves the record as it was, for the next start).
 */
export const settleLog = async (
  keeper: RecordKeeper,
  reactor: Reactor,
  store: Pick<EventStore, 'logId' | 'headPosition'>,
  warn: (warning: string, change: LogChange & { readonly position: number }) => void,
): Promise<void> => {
  const [current, head] = await Promise.all([store.logId(), store.headPosition()]);
  const check = checkLog(keeper.record, current, head);
  if (check.kind === 'adopt') keeper.change({ logId: check.logId });
  if (check.kind !== 'other') return;
  const change: LogChange = { recorded: check.recorded, current: check.current };
  warn(logChangeWarning(reactor.name, change), { ...change, position: keeper.record.position });
  await reactor.onNewLog?.(change);
  keeper.replace({ ...startOver(keeper.record, change), ...reactor.describe?.() });
  // Readers in other processes take what they hear only as far as the stored record vouches for it:
  // the old log's position must not outlive the reset there.
  if (!(await keeper.flush())) throw new Error(`could not record that ${reactor.name} starts over on this log; it will try again`);
};

/** The log was empty at start: its first event came with its id, which the record takes. */
export const learnLog = async (keeper: RecordKeeper, store: Pick<EventStore, 'logId'>): Promise<void> => {
  const logId = await store.logId();
  if (logId !== undefined) keeper.change({ logId });
};
