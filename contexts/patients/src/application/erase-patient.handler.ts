import * as E from 'fp-ts/lib/Either.js';
import { runCommand, wireType, type CommandContext, type CommandResult, type IsoDateTime } from '@hcms/shared-kernel';
import { patientEvents, patientStream } from '../contract.js';
import type { PatientError } from '../domain/patient/patient.errors.js';
import type { ErasureReason } from '../domain/patient/patient.values.js';
import { patientAggregate } from './aggregates.js';
import type { PatientsDeps } from './patients.deps.js';

const KEEPING = new Set(
  ['LegalHoldPlaced', 'LegalHoldReleased', 'ProcessingRestricted', 'ProcessingRestrictionLifted'].map((type) =>
    wireType(patientEvents, type),
  ),
);

/** `at` plus whole years, in UTC (29 February lands on 1 March in a common year). */
const addYears = (at: string, years: number): IsoDateTime => {
  const date = new Date(at);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString() as IsoDateTime;
};

/**
 * Erases a patient: the erasure is recorded (with no personal data), then the patient's key is
 * destroyed, so every personal field of every event about them reads as its stand-in for good. The
 * retention period runs from the record's last recorded change (a hold or a restriction is none). Should the process die between
 * the two, the erasure policy destroys the key when it reads the event.
 */
export const erasePatient =
  (deps: PatientsDeps) =>
  async (
    patientId: string,
    reason: ErasureReason,
    ctx: CommandContext,
  ): Promise<E.Either<PatientError, CommandResult & { erasedAt: string }>> => {
    const stream = patientStream(patientId);
    // The record's last change: holds and restrictions are about keeping it, not changes to it.
    const last = (await deps.store.readStream(stream)).filter((e) => !KEEPING.has(e.type)).at(-1);
    const at = ctx.now.toISOString() as IsoDateTime;
    const retainedUntil = addYears(last?.recordedAt ?? at, deps.retention.years);
    const result = await runCommand(deps, patientAggregate, stream, { type: 'ErasePatient', reason, at, retainedUntil }, ctx, {
      patientId,
    });
    if (E.isRight(result)) deps.keys.destroy(patientId, at);
    return E.map((r: CommandResult) => ({ ...r, erasedAt: at }))(result);
  };
