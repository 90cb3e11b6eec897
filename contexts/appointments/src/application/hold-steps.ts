import type * as E from 'fp-ts/lib/Either.js';
import { runCommand, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import { scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import type { Placement } from './schedule-placement.js';

/** The schedule steps of the booking and rescheduling sagas, each for one named attempt. */
export const holdSteps = (deps: AppointmentsDeps, appointmentId: string, patientId: string, ctx: CommandContext) => {
  const options = { patientId, maxAttempts: 20 };
  const holdId = deps.ids.next();
  return {
    holdId,
    hold: (place: Placement): Promise<E.Either<DomainError, CommandResult>> =>
      runCommand(
        deps,
        scheduleAggregate,
        place.stream,
        { type: 'HoldSlot', appointmentId, patientId, slot: place.slot, openings: place.openings, now: ctx.now.toISOString(), holdId },
        ctx,
        options,
      ),
    /**
     * Steps after the appointment's own append: that append decided the outcome, so a failure here
     * must not turn it into an error; an unconfirmed or unreleased hold is settled by the hold
     * settler within its bound.
     */
    confirm: (place: Placement): Promise<void> =>
      afterTheFact(
        runCommand(
          deps,
          scheduleAggregate,
          place.stream,
          { type: 'ConfirmHold', appointmentId, start: place.slot.start, holdId },
          ctx,
          options,
        ),
      ),
    /** Compensation: frees this attempt's hold only, never a later attempt's. */
    giveBack: (place: Placement, reason: string): Promise<void> =>
      afterTheFact(
        runCommand(
          deps,
          scheduleAggregate,
          place.stream,
          { type: 'ReleaseSlot', appointmentId, start: place.slot.start, holdId, reason },
          ctx,
          options,
        ),
      ),
    /** The time the appointment moved away from, if it is still confirmed there. */
    vacate: (place: Placement): Promise<void> =>
      afterTheFact(
        runCommand(
          deps,
          scheduleAggregate,
          place.stream,
          {
            type: 'ReleaseSlot',
            appointmentId,
            start: place.slot.start,
            reason: 'rescheduled',
            confirmedOnly: true,
            heldBefore: ctx.now.toISOString(),
          },
          ctx,
          options,
        ),
      ),
  };
};

const afterTheFact = (step: Promise<unknown>): Promise<void> =>
  step.then(
    () => undefined,
    () => undefined,
  );
