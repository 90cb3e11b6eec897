import * as E from 'fp-ts/lib/Either.js';
import {
  invariantViolated,
  sameMoney,
  type Decider,
  type DomainError,
  type IsoDate,
  type IsoDateTime,
  type Money,
} from '@hcms/shared-kernel';
import type { FeeEvent } from './fee.events.js';
import { evolve, initialState, type FeeState } from './fee.state.js';

export interface SetFee {
  readonly type: 'SetFee';
  readonly code: string;
  readonly description: string;
  readonly price: Money;
  readonly effectiveFrom: IsoDate;
  readonly actorId: string;
  readonly at: IsoDateTime;
}

export type FeeError = DomainError<'CURRENCY_MISMATCH'>;

const decide = (cmd: SetFee, s: FeeState): E.Either<FeeError, readonly FeeEvent[]> => {
  const currency = s.prices[0]?.price.currency;
  if (currency && currency !== cmd.price.currency)
    return E.left(
      invariantViolated('CURRENCY_MISMATCH', `this service is priced in ${currency}`, {
        problems: [{ path: 'body.price.currency', rule: `must be ${currency}` }],
      }),
    );
  const same = s.prices.find((p) => p.effectiveFrom === cmd.effectiveFrom);
  // Set again as it is (a retried request, a replayed seed): nothing to record.
  if (same && sameMoney(same.price, cmd.price) && same.description === cmd.description) return E.right([]);
  const { code, description, price, effectiveFrom, actorId: by, at } = cmd;
  return E.right([{ type: 'FeeSet', data: { code, description, price, effectiveFrom, by, at } }]);
};

/** One service of the fee schedule, stream `fee-<code>`. */
export const feeDecider: Decider<SetFee, FeeEvent, FeeState, FeeError> = { initialState, decide, evolve };
