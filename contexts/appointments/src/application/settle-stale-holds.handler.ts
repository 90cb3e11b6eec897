import * as E from 'fp-ts/lib/Either.js';
import { loadAggregate, runCommand, toIsoDateTime, type CommandContext, type IsoDateTime } from '@hcms/shared-kernel';
import { appointmentStream } from '../contract.js';
import { isExisting } from '../domain/appointment/appointment.decider.js';
import { holdFate } from '../domain/appointment/hold-settlement.rules.js';
import type { ScheduleCommand } from '../domain/schedule/schedule.decider.js';
import { appointmentAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { onSchedule, STEP_ATTEMPTS, scheduleCommands } from './hold-steps.js';
import { dayStreamOf, loadProvider } from './schedule-placement.js';

/** A hold not confirmed yet, as the pending-holds read model knows it. */
export interface PendingHold {
  /** The provider-day stream that holds it. */
  readonly stream: string;
  readonly appointmentId: string;
  readonly patientId: string;
  readonly start: string;
  readonly end: string;
  /** Absent on holds recorded before attempts were named. */
  readonly holdId?: string;
}

export interface PendingHolds {
  /** Unconfirmed holds taken before `cutoff`, oldest first. */
  olderThan(cutoff: string, limit: number): Promise<readonly PendingHold[]>;
}

export interface FailedSettlement {
  readonly hold: PendingHold;
  readonly error: unknown;
}

/** What a round did: holds it looked at, and those it could not settle (tried again next round). */
export interface SettlingRound {
  readonly seen: number;
  readonly failed: readonly FailedSettlement[];
}

const ACTOR = { id: 'appointments.hold-settler', role: 'admin' } as const;

/**
 * The durable half of the booking and rescheduling sagas: a hold still unconfirmed `boundMs` after
 * it was taken belongs to a saga that died or stalls. The appointment's stream decides its fate
 * (see `settleHold`); the schedule then confirms or frees it. Every step is idempotent, so a
 * second round, or a second settler, changes nothing more.
 */
export const settleStaleHolds = async (
  deps: AppointmentsDeps,
  pending: PendingHolds,
  boundMs: number,
  limit = 50,
): Promise<SettlingRound> => {
  const now = deps.clock.now();
  const stale = await pending.olderThan(new Date(now.getTime() - boundMs).toISOString(), limit);
  const failed: FailedSettlement[] = [];
  // Each hold on its own: one that cannot be settled must not keep the younger ones waiting forever.
  for (const hold of stale) {
    await settle(deps, hold, { actor: ACTOR, correlationId: hold.holdId ?? hold.stream, now }).catch((error: unknown) =>
      failed.push({ hold, error }),
    );
  }
  return { seen: stale.length, failed };
};

const settle = async (deps: AppointmentsDeps, hold: PendingHold, ctx: CommandContext): Promise<void> => {
  const stream = appointmentStream(hold.appointmentId);
  const settled = await runCommand(
    deps,
    appointmentAggregate,
    stream,
    {
      type: 'SettleHold',
      holdId: hold.holdId ?? `${hold.stream}@${hold.start}`,
      start: hold.start as IsoDateTime,
      end: hold.end as IsoDateTime,
      at: toIsoDateTime(ctx.now),
    },
    ctx,
    { patientId: hold.patientId, maxAttempts: STEP_ATTEMPTS },
  );
  if (E.isLeft(settled)) throw new Error(`settling a hold of ${hold.appointmentId} was refused: ${settled.left.code}`);
  // Unlike the sagas' steps, these throw: a hold not settled is tried again next round.
  const step = (day: string, command: ScheduleCommand) => onSchedule(deps, day, command, ctx, hold.patientId);
  // Only this attempt's hold: the appointment may hold the same start under another attempt.
  const { appointmentId, start, holdId } = hold;
  const { state } = await loadAggregate(deps.store, appointmentAggregate, stream);
  if (holdFate(state, hold.start, hold.end) === 'release') {
    await step(hold.stream, scheduleCommands.giveBack(appointmentId, start, holdId, 'abandoned'));
    return;
  }
  await step(hold.stream, scheduleCommands.confirm(appointmentId, start, holdId));
  const after = await loadAggregate(deps.store, appointmentAggregate, stream);
  // It moved away while being confirmed: whoever moved it freed only confirmed times, maybe before this one was.
  if (holdFate(after.state, hold.start, hold.end) === 'release') {
    await step(hold.stream, scheduleCommands.giveBack(appointmentId, start, holdId, 'moved', true));
    return;
  }
  // A move that died after moving the appointment left its old time held in another day.
  if (isExisting(after.state) && after.state.previous) {
    const previous = after.state.previous;
    const provider = await loadProvider(deps, after.state.providerId);
    if (E.isLeft(provider)) return;
    const day = dayStreamOf(provider.right, previous.start);
    if (day === hold.stream) return; // confirming freed it
    await step(day, scheduleCommands.vacate(appointmentId, previous.start, previous.movedAt, 'moved'));
  }
};
