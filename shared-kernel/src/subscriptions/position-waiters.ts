import type { ParkedEvent, SubscriptionRecord } from './subscription-store.js';

export type WaitOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'timeout' }
  /** The position asked for is at or beyond an event the subscription had to set aside. */
  | { readonly kind: 'parked'; readonly parked: ParkedEvent };

/** Which parked events hold a wait back (a policy about one patient needs only that patient's). */
export type Blocks = (parked: ParkedEvent) => boolean;

const everyParked: Blocks = () => true;

/** What a record says of a position: applied, held back by a parked event, or not yet known. */
export const outcomeAt = (
  record: Pick<SubscriptionRecord, 'position' | 'parked'>,
  position: number,
  blocks: Blocks,
): WaitOutcome | undefined => {
  const parked = record.parked.find((p) => p.position <= position && blocks(p));
  if (parked) return { kind: 'parked', parked };
  return record.position >= position ? { kind: 'applied' } : undefined;
};

/** Readers waiting for a subscription to reach a position (read-your-writes), settled as it moves. */
export class PositionWaiters {
  private readonly waiting = new Set<{ readonly position: number; readonly blocks: Blocks; readonly settle: (o: WaitOutcome) => void }>();

  constructor(private readonly record: () => Pick<SubscriptionRecord, 'position' | 'parked'>) {}

  wait(position: number, timeoutMs: number, blocks: Blocks = everyParked): Promise<WaitOutcome> {
    const now = outcomeAt(this.record(), position, blocks);
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const waiter = {
        position,
        blocks,
        settle: (outcome: WaitOutcome) => (clearTimeout(timer), this.waiting.delete(waiter), resolve(outcome)),
      };
      const timer = setTimeout(() => waiter.settle({ kind: 'timeout' }), timeoutMs);
      this.waiting.add(waiter);
    });
  }

  /** The record moved: settle every wait it answers. */
  moved(): void {
    for (const waiter of this.waiting) {
      const outcome = outcomeAt(this.record(), waiter.position, waiter.blocks);
      if (outcome) waiter.settle(outcome);
    }
  }

  giveUp(): void {
    for (const waiter of this.waiting) waiter.settle({ kind: 'timeout' });
  }
}
