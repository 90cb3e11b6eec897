import * as E from 'fp-ts/lib/Either.js';
import { runCommand, type CommandContext, type CommandResult, type DomainError, type NonEmptyText } from '@hcms/shared-kernel';
import { providerStream } from '../contract.js';
import type { ProviderCommand } from '../domain/provider/provider.decider.js';
import { providerAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';

export const registerProvider =
  (deps: AppointmentsDeps) =>
  async (
    input: { readonly name: NonEmptyText; readonly specialty: NonEmptyText; readonly timeZone: string },
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult & { readonly providerId: string }>> => {
    const providerId = deps.ids.next();
    const result = await runCommand(
      deps,
      providerAggregate,
      providerStream(providerId),
      { type: 'RegisterProvider', providerId, ...input },
      ctx,
    );
    return E.map((r: CommandResult) => ({ ...r, providerId }))(result);
  };

/** Weekly hours and exceptions: load, decide, append, like every command. */
export const handleProviderCommand =
  (deps: AppointmentsDeps) => (providerId: string, command: Exclude<ProviderCommand, { type: 'RegisterProvider' }>, ctx: CommandContext) =>
    runCommand(deps, providerAggregate, providerStream(providerId), command, ctx);
