import type * as E from 'fp-ts/lib/Either.js';
import {
  loadAggregate,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type IsoDate,
  type Money,
} from '@hcms/shared-kernel';
import { feeStream } from '../contract.js';
import { priceOn, type Price } from '../domain/fees/fee.state.js';
import { feeAggregate } from './aggregate.js';
import type { BillingDeps } from './billing.deps.js';

export interface FeeInput {
  readonly code: string;
  readonly description: string;
  readonly price: Money;
  readonly effectiveFrom: IsoDate;
}

export const setFee =
  (deps: BillingDeps) =>
  (input: FeeInput, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> =>
    runCommand(
      deps,
      feeAggregate,
      feeStream(input.code),
      { type: 'SetFee', ...input, actorId: ctx.actor.id, at: toIsoDateTime(ctx.now) },
      ctx,
    );

/** The fee schedule's price for a service on a date, if one was in force. */
export const feeOn = async (deps: Pick<BillingDeps, 'store'>, code: string, date: string): Promise<Price | undefined> =>
  priceOn((await loadAggregate(deps.store, feeAggregate, feeStream(code))).state, date);
