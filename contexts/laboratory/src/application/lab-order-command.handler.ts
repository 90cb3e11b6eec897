import * as E from 'fp-ts/lib/Either.js';
import { conflict, runCommand, toIsoDateTime, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import { labOrderStream } from '../contract.js';
import type { LabOrderCommand } from '../domain/order/lab-order.commands.js';
import { labOrderAggregate } from './aggregate.js';
import type { LaboratoryDeps } from './laboratory.deps.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A command as the API builds it; the handler stamps the time and the actor. */
export type LabOrderCommandInput = Without<LabOrderCommand, 'at' | 'actorId'>;

/**
 * Every command on a lab order: load, decide, append, retry on a concurrent change — unless the
 * caller named the version it acted on (a verification covers the results the verifier read):
 * then any change since is `409 LAB_ORDER_CHANGED`, never decided again.
 */
export const handleLabOrderCommand =
  (deps: LaboratoryDeps) =>
  async (
    labOrderId: string,
    input: LabOrderCommandInput,
    ctx: CommandContext,
    readVersion?: number,
  ): Promise<E.Either<DomainError, CommandResult>> => {
    const command = { ...input, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id } as LabOrderCommand;
    const stream = labOrderStream(labOrderId);
    if (readVersion === undefined) return runCommand(deps, labOrderAggregate, stream, command, ctx, { patientId: input.patientId });
    const result = await runCommand(deps, labOrderAggregate, stream, command, ctx, {
      patientId: input.patientId,
      expectedVersion: readVersion,
    });
    return E.isLeft(result) && result.left.code === 'STREAM_CHANGED'
      ? E.left(
          conflict('LAB_ORDER_CHANGED', `the lab order changed since version ${readVersion}: read it again, then retry`, {
            details: { version: readVersion },
          }),
        )
      : result;
  };
