import { toDomainEvent } from '@hcms/shared-kernel';
import { feeEvents, feeStream, foldFee, noFee, type Price } from '@hcms/billing/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

/** A service's prices (stream `fee-<code>`), ordered by the day each takes effect: Billing's own fold. */
export interface FeeScheduleEntry {
  readonly code: string;
  readonly prices: readonly Price[];
}

export const feeScheduleProjection: Projection<FeeScheduleEntry> = {
  name: 'billing-fees',
  // Read whole, in code order, or by code: a schedule is a few hundred services.
  indexes: [],
  documentOf: documentPerStream(feeStream('')),
  evolve: (doc, event) => {
    const e = toDomainEvent(feeEvents, event);
    const { prices } = foldFee(doc ?? noFee, e);
    return { code: e.data.code, prices };
  },
};
