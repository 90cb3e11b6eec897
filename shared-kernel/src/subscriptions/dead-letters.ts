import type { ParkedEvent, SubscriptionStore } from './subscription-store.js';

/** Which dead letters: all, one subscription's, or one event's. */
export interface DeadLetterSelection {
  readonly group?: string;
  readonly eventId?: string;
}

/** An event a subscription set aside, as operators see it: where, what and why, never its data. */
export interface ParkedLetter extends ParkedEvent {
  readonly group: string;
}

/** Every parked event of every durable subscription, oldest first. */
export const parkedLetters = async (records: SubscriptionStore, selection: DeadLetterSelection = {}): Promise<readonly ParkedLetter[]> =>
  (await records.all())
    .filter(({ name }) => selection.group === undefined || name === selection.group)
    .flatMap(({ name, record }) => record.parked.map((p) => ({ group: name, ...p })))
    .filter((p) => selection.eventId === undefined || p.eventId === selection.eventId)
    .sort((a, b) => a.parkedAt.localeCompare(b.parkedAt) || a.position - b.position);

/**
 * Hands parked events back to their subscriptions (after a fix); each retries them within its
 * poll interval. Returns how many were handed back.
 */
export const replayParked = async (records: SubscriptionStore, selection: DeadLetterSelection = {}): Promise<number> => {
  const letters = await parkedLetters(records, selection);
  for (const group of new Set(letters.map((l) => l.group))) {
    await records.request(group, selection.eventId === undefined ? { kind: 'replay' } : { kind: 'replay', eventId: selection.eventId });
  }
  return letters.length;
};
