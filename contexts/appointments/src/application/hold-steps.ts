import type * as E from 'fp-ts/lib/Either.js';
import { runCommand, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import type { ScheduleCommand } from '../domain/schedule/schedule.decider.js';
import { scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import type { Placement } from './schedule-placement.js';

/**
 * Tries of one saga or settler step under version conflicts: a provider's day is contended by every
 * booking in it, and the settler races the sagas on both the day's and the appointment's stream.
 */
export const STEP_ATTEMPTS = 20;

/** One schedule command on a provider-day stream, recorded under the appointment's patient. */
export const onSchedule = (
  deps: AppointmentsDeps,
  stream: string,
  command: ScheduleCommand,
  ctx: CommandContext,
  patientId: string,
): Promise<E.Either<DomainError, CommandResult>> =>
  runCommand(deps, scheduleAggregate, stream, command, ctx, { patientId, maxAttempts: STEP_ATTEMPTS });

/**
 * The schedule commands the sagas and the hold settler both send, so that both mean the same by
 * confirming, giving back and vacating. An attempt without a `holdId` is a hold recorded before
 * attempts were named.
 */
export const scheduleCommands = {
  confirm: (appointmentId: string, start: string, holdId: string | undefined): ScheduleCommand => ({
    type: 'ConfirmHold',
    appointmentId,
    start,
    holdId,
  }),
  /** Frees this attempt's hold only, never a later attempt's; `confirmedOnly` once the appointment moved away from it. */
  giveBack: (appointmentId: string, start: string, holdId: string | undefined, reason: string, confirmedOnly = false): ScheduleCommand => ({
    type: 'ReleaseSlot',
    appointmentId,
    start,
    holdId,
    reason,
    confirmedOnly,
  }),
  /** The time an appointment moved away from, if still confirmed there by a hold taken no later than the move. */
  vacate: (appointmentId: string, start: string, movedAt: string, reason: string): ScheduleCommand => ({
    type: 'ReleaseSlot',
    appointmentId,
    start,
    reason,
    confirmedOnly: true,
    heldBefore: movedAt,
  }),
};

/** The schedule steps of the booking and rescheduling sagas, each for one named attempt. */
export const holdSteps = (deps: AppointmentsDeps, appointmentId: string, patientId: string, ctx: CommandContext) => {
  const holdId = deps.ids.next();
  const step = (stream: string, command: ScheduleCommand) => onSchedule(deps, stream, command, ctx, patientId);
  return {
    hold: (place: Placement): Promise<E.Either<DomainError, CommandResult>> =>
      step(place.stream, {
        type: 'HoldSlot',
        appointmentId,
        patientId,
        slot: place.slot,
        openings: place.openings,
        now: ctx.now.toISOString(),
        holdId,
      }),
    /**
     * Steps after the appointment's own append: that append decided the outcome, so a failure here
     * must not turn it into an error; an unconfirmed or unreleased hold is settled by the hold
     * settler within its bound.
     */
    confirm: (place: Placement): Promise<void> =>
      afterTheFact(step(place.stream, scheduleCommands.confirm(appointmentId, place.slot.start, holdId))),
    /** Compensation: frees this attempt's hold only, never a later attempt's. */
    giveBack: (place: Placement, reason: string): Promise<void> =>
      afterTheFact(step(place.stream, scheduleCommands.giveBack(appointmentId, place.slot.start, holdId, reason))),
    /** The time the appointment moved away from (`start` in the day `stream`), if it is still confirmed there. */
    vacate: (stream: string, start: string): Promise<void> =>
      afterTheFact(step(stream, scheduleCommands.vacate(appointmentId, start, ctx.now.toISOString(), 'rescheduled'))),
  };
};

const afterTheFact = (step: Promise<unknown>): Promise<void> =>
  step.then(
    () => undefined,
    () => undefined,
  );
