import type { Money } from '@hcms/shared-kernel';
import type { FeeEvent } from './fee.events.js';

export interface Price {
  readonly effectiveFrom: string;
  readonly price: Money;
  readonly description: string;
}

/** A service's prices, ordered by the date each takes effect. */
export interface FeeState {
  readonly code?: string;
  readonly prices: readonly Price[];
}

export const initialState: FeeState = { prices: [] };

export const evolve = (s: FeeState, event: FeeEvent): FeeState => {
  const { code, description, price, effectiveFrom } = event.data;
  const others = s.prices.filter((p) => p.effectiveFrom !== effectiveFrom);
  const prices = [...others, { effectiveFrom, price, description }].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { code, prices };
};

/** The price in force on a date: the latest that took effect on or before it. */
export const priceOn = (s: FeeState, date: string): Price | undefined => s.prices.filter((p) => p.effectiveFrom <= date).at(-1);
