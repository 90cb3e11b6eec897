import * as E from 'fp-ts/lib/Either.js';
import { replay, runCommand, toDomainEvent, toIsoDateTime, type CommandContext, type DomainError } from '@hcms/shared-kernel';
import { patientStream } from '../contract.js';
import { patientDecider } from '../domain/patient/patient.decider.js';
import { initialState } from '../domain/patient/patient.state.js';
import type { Demographics, Mrn } from '../domain/patient/patient.values.js';
import { mrnStream } from '../domain/registry/mrn-reservation.js';
import { identityStream, patientIdentity } from '../domain/registry/patient-identity.js';
import { identityAggregate, mrnAggregate, patientAggregate } from './aggregates.js';
import { ensureIdentityIndex } from './identity-index.js';
import type { PatientsDeps } from './patients.deps.js';

export interface RegisterPatientInput {
  readonly demographics: Demographics;
  /** An MRN carried over from another system; otherwise one is assigned. */
  readonly mrn?: Mrn;
  /** The registrar checked the flagged possible duplicates and this is a different person. */
  readonly notADuplicate?: boolean;
}

export interface Registered {
  readonly patientId: string;
  readonly mrn: string;
  readonly position: number;
  readonly possibleDuplicateOf: readonly string[];
}

const GENERATED_MRN_ATTEMPTS = 8;
const CLAIM_ATTEMPTS = 20;

export const registerPatient =
  (deps: PatientsDeps) =>
  async (input: RegisterPatientInput, ctx: CommandContext): Promise<E.Either<DomainError, Registered>> => {
    const patientId = deps.ids.next();
    const at = toIsoDateTime(ctx.now);
    const command = { type: 'RegisterPatient' as const, patientId, demographics: input.demographics, at, possibleDuplicateOf: [] };
    // Refuse bad input before an MRN is spent on it.
    const dryRun = patientDecider.decide({ ...command, mrn: 'MRN-00000000' as Mrn }, initialState);
    if (E.isLeft(dryRun)) return dryRun;

    await ensureIdentityIndex(deps, ctx);
    const identity = identityStream(deps.identityKeys.keyOf(input.demographics));
    // A generated MRN is reserved alongside the claim, in the same commit when they meet there: a
    // number is never handed out twice, so one spent on a refused registration is only skipped. An
    // MRN carried over waits for the claim: a refused registration must leave it free for its retry.
    const generated = input.mrn === undefined ? reserveMrn(deps, patientId, undefined, ctx) : undefined;
    generated?.catch(() => undefined); // awaited below, or not needed once the claim is refused
    const claimed = await claimIdentity(deps, identity, patientId, input.notADuplicate === true, ctx);
    if (E.isLeft(claimed)) return claimed;
    const possibleDuplicateOf = claimed.right;

    // A refusal after the claim gives it back: nothing was recorded for this patient. A fault keeps
    // it: the patient may have been recorded, and a duplicate missed is worse than one flagged in vain.
    const release = () => runCommand(deps, identityAggregate, identity, { type: 'ReleaseIdentity', patientId }, ctx, { patientId });
    const mrn = await (generated ?? reserveMrn(deps, patientId, input.mrn, ctx));
    if (E.isLeft(mrn)) return (await release(), mrn);
    const registered = await runCommand(
      deps,
      patientAggregate,
      patientStream(patientId),
      { ...command, mrn: mrn.right, possibleDuplicateOf },
      ctx,
      { patientId },
    );
    if (E.isLeft(registered)) return (await release(), registered);
    return E.right({ patientId, mrn: mrn.right, position: registered.right.position, possibleDuplicateOf });
  };

/**
 * Claims the identity before anything else is recorded: when two registrations of one person
 * race, the second append fails, re-decides on the first claim, and is refused or flagged.
 * Answers the patients that held the identity when this claim was appended (the possible
 * duplicates), read back from the stream up to the claim.
 */
const claimIdentity = async (
  deps: PatientsDeps,
  identity: string,
  patientId: string,
  notADuplicate: boolean,
  ctx: CommandContext,
): Promise<E.Either<DomainError, readonly string[]>> => {
  const command = { type: 'ClaimIdentity' as const, patientId, notADuplicate };
  const claimed = await runCommand(deps, identityAggregate, identity, command, ctx, { patientId, maxAttempts: CLAIM_ATTEMPTS });
  if (E.isLeft(claimed)) return claimed;
  // Without notADuplicate the decider lets a claim through only on an unclaimed identity.
  if (!notADuplicate) return E.right([]);
  const upToClaim = await deps.store.readStream(identity, { maxCount: claimed.right.version });
  const held = replay(
    patientIdentity,
    upToClaim.map((stored) => toDomainEvent(identityAggregate.events, stored)),
  );
  return E.right(held.patientIds.filter((id) => id !== patientId));
};

const reserveMrn = async (
  deps: PatientsDeps,
  patientId: string,
  requested: Mrn | undefined,
  ctx: CommandContext,
): Promise<E.Either<DomainError, Mrn>> => {
  const candidates = requested ? [requested] : Array.from({ length: GENERATED_MRN_ATTEMPTS }, () => deps.mrns.next() as Mrn);
  for (const mrn of candidates) {
    const reserved = await runCommand(deps, mrnAggregate, mrnStream(mrn), { type: 'ReserveMrn', mrn, patientId }, ctx, { patientId });
    if (E.isRight(reserved)) return E.right(mrn);
    if (requested) return reserved;
  }
  throw new Error(`no free MRN after ${GENERATED_MRN_ATTEMPTS} attempts: widen the MRN space`);
};
