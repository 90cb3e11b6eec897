import type * as E from 'fp-ts/lib/Either.js';
import { loadAggregate, runCommand, toIsoDateTime, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import { accountStream } from '../contract.js';
import type { AccountCommand } from '../domain/account/account.commands.js';
import type { AccountState } from '../domain/account/account.state.js';
import { accountAggregate } from './aggregate.js';
import type { BillingDeps } from './billing.deps.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A command as the API builds it; the handler stamps the actor, the instant and the business day. */
export type AccountCommandInput = Without<AccountCommand, 'at' | 'actorId' | 'on'>;

/** Every command on a patient's account: load, decide, append, and decide again on a concurrent change. */
export const handleAccountCommand =
  (deps: BillingDeps) =>
  (patientId: string, input: AccountCommandInput, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> => {
    const command = { ...input, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id, on: deps.today() } as AccountCommand;
    return runCommand(deps, accountAggregate, accountStream(patientId), command, ctx, { patientId });
  };

export const loadAccount = async (deps: Pick<BillingDeps, 'store'>, patientId: string): Promise<AccountState> =>
  (await loadAggregate(deps.store, accountAggregate, accountStream(patientId))).state;
