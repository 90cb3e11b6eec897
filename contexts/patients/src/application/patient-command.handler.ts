import type * as E from 'fp-ts/lib/Either.js';
import { runCommand, type CommandContext, type CommandResult } from '@hcms/shared-kernel';
import { patientStream } from '../contract.js';
import type { PatientCommand } from '../domain/patient/patient.commands.js';
import type { PatientError } from '../domain/patient/patient.errors.js';
import { patientAggregate } from './aggregates.js';
import type { PatientsDeps } from './patients.deps.js';

type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
/** A command as the API builds it; the handler stamps the time. */
export type PatientCommandInput = Without<Exclude<PatientCommand, { type: 'RegisterPatient' }>, 'at'>;

/** Every command on an existing patient: load, decide, append, retry on a concurrent change. */
export const handlePatientCommand =
  (deps: PatientsDeps) =>
  (patientId: string, input: PatientCommandInput, ctx: CommandContext): Promise<E.Either<PatientError, CommandResult>> =>
    runCommand(deps, patientAggregate, patientStream(patientId), { ...input, at: ctx.now.toISOString() } as PatientCommand, ctx, {
      patientId,
    });
