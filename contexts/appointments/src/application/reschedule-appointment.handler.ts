import * as E from 'fp-ts/lib/Either.js';
import {
  loadAggregate,
  notFound,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
} from '@hcms/shared-kernel';
import { appointmentStream } from '../contract.js';
import { appointmentDecider } from '../domain/appointment/appointment.decider.js';
import { appointmentAggregate, scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { placeInSchedule } from './book-appointment.handler.js';

/**
 * Moves an appointment, possibly to another day's stream. The new time is held first, then the
 * appointment switches to it, then the old time is released: the appointment always points at
 * exactly one held time, and a refusal at any step undoes the steps before it.
 */
export const rescheduleAppointment =
  (deps: AppointmentsDeps) =>
  async (appointmentId: string, start: string, minutes: number, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> => {
    const { state } = await loadAggregate(deps.store, appointmentAggregate, appointmentStream(appointmentId));
    if (state.status === 'none') return E.left(notFound('APPOINTMENT_NOT_FOUND', 'no such appointment'));
    const [before, after] = await Promise.all([
      placeInSchedule(deps, state.providerId, state.start, (Date.parse(state.end) - Date.parse(state.start)) / 60_000),
      placeInSchedule(deps, state.providerId, start, minutes),
    ]);
    if (E.isLeft(after)) return after;
    if (E.isLeft(before)) return before;
    const options = { patientId: state.patientId, maxAttempts: 20 };
    const now = ctx.now.toISOString();
    const hold = (place: typeof after.right) =>
      runCommand(
        deps,
        scheduleAggregate,
        place.stream,
        { type: 'HoldSlot', appointmentId, patientId: state.patientId, slot: place.slot, openings: place.openings, now },
        ctx,
        options,
      );
    const dryRun = appointmentDecider.decide(
      {
        type: 'RescheduleAppointment',
        start: after.right.slot.start,
        end: after.right.slot.end,
        at: toIsoDateTime(ctx.now),
      },
      state,
    );
    if (E.isLeft(dryRun)) return dryRun;

    const held = await hold(after.right);
    if (E.isLeft(held)) return held;
    const moved = await runCommand(
      deps,
      appointmentAggregate,
      appointmentStream(appointmentId),
      {
        type: 'RescheduleAppointment',
        start: after.right.slot.start,
        end: after.right.slot.end,
        at: toIsoDateTime(ctx.now),
      },
      ctx,
      options,
    );
    const release = (stream: string, reason: string) =>
      runCommand(deps, scheduleAggregate, stream, { type: 'ReleaseSlot', appointmentId, reason }, ctx, options);
    if (E.isLeft(moved)) {
      // The appointment changed meanwhile (e.g. cancelled): give back what we took.
      if (after.right.stream === before.right.stream) await hold({ ...before.right, openings: [before.right.slot] });
      else await release(after.right.stream, 'reschedule abandoned');
      return moved;
    }
    if (after.right.stream !== before.right.stream) await release(before.right.stream, 'rescheduled');
    return moved;
  };
