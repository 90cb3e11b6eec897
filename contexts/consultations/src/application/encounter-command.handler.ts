import type * as E from 'fp-ts/lib/Either.js';
import { runCommand, toIsoDateTime, type CommandContext, type CommandResult } from '@hcms/shared-kernel';
import { encounterStream } from '../contract.js';
import type { EncounterCommand } from '../domain/encounter/encounter.commands.js';
import type { EncounterError } from '../domain/encounter/encounter.errors.js';
import { encounterAggregate } from './aggregate.js';
import type { ConsultationsDeps } from './consultations.deps.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A command as the API builds it; the handler stamps the time and the actor. */
export type EncounterCommandInput = Without<EncounterCommand, 'at' | 'actorId'>;

/** Every command on an encounter: load, decide, append, retry on a concurrent change. */
export const handleEncounterCommand =
  (deps: ConsultationsDeps) =>
  (encounterId: string, input: EncounterCommandInput, ctx: CommandContext): Promise<E.Either<EncounterError, CommandResult>> =>
    runCommand(
      deps,
      encounterAggregate,
      encounterStream(encounterId),
      { ...input, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id } as EncounterCommand,
      ctx,
      { patientId: input.patientId },
    );
