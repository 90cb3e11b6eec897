import * as E from 'fp-ts/lib/Either.js';
import { conflict, runCommand, toIsoDateTime, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import { encounterStream } from '../contract.js';
import type { EncounterCommand } from '../domain/encounter/encounter.commands.js';
import { encounterAggregate } from './aggregate.js';
import type { ConsultationsDeps } from './consultations.deps.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A command as the API builds it; the handler stamps the time and the actor. */
export type EncounterCommandInput = Without<EncounterCommand, 'at' | 'actorId'>;

/**
 * Every command on an encounter: load, decide, append, retry on a concurrent change — unless the
 * caller said which version it acted on (a signature covers what the signer read): then any change
 * since is `409 ENCOUNTER_CHANGED`, never decided again.
 */
export const handleEncounterCommand =
  (deps: ConsultationsDeps) =>
  async (
    encounterId: string,
    input: EncounterCommandInput,
    ctx: CommandContext,
    readVersion?: number,
  ): Promise<E.Either<DomainError, CommandResult>> => {
    const command = { ...input, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id } as EncounterCommand;
    const stream = encounterStream(encounterId);
    if (readVersion === undefined) return runCommand(deps, encounterAggregate, stream, command, ctx, { patientId: input.patientId });
    const result = await runCommand(deps, encounterAggregate, stream, command, ctx, {
      patientId: input.patientId,
      expectedVersion: readVersion,
    });
    return E.isLeft(result) && result.left.code === 'STREAM_CHANGED'
      ? E.left(
          conflict('ENCOUNTER_CHANGED', `the encounter changed since version ${readVersion}: read it again, then retry`, {
            details: { version: readVersion },
          }),
        )
      : result;
  };
