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
import { loadProvider, placeInSchedule, type Placement } from './schedule-placement.js';

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
    const provider = await loadProvider(deps, state.providerId);
    if (E.isLeft(provider)) return provider;
    const before = placeInSchedule(provider.right, state.start, (Date.parse(state.end) - Date.parse(state.start)) / 60_000);
    const after = placeInSchedule(provider.right, start, minutes);
    const options = { patientId: state.patientId, maxAttempts: 20 };
    const now = ctx.now.toISOString();
    const hold = (place: Placement) =>
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
        start: after.slot.start,
        end: after.slot.end,
        at: toIsoDateTime(ctx.now),
      },
      state,
    );
    if (E.isLeft(dryRun)) return dryRun;

    const held = await hold(after);
    if (E.isLeft(held)) return held;
    const moved = await runCommand(
      deps,
      appointmentAggregate,
      appointmentStream(appointmentId),
      {
        type: 'RescheduleAppointment',
        start: after.slot.start,
        end: after.slot.end,
        at: toIsoDateTime(ctx.now),
      },
      ctx,
      options,
    );
    const release = (stream: string, reason: string) =>
      runCommand(deps, scheduleAggregate, stream, { type: 'ReleaseSlot', appointmentId, reason }, ctx, options);
    if (E.isLeft(moved)) {
      // The appointment changed meanwhile (e.g. cancelled): give back what we took.
      if (after.stream === before.stream) await hold({ ...before, openings: [before.slot] });
      else await release(after.stream, 'reschedule abandoned');
      return moved;
    }
    if (after.stream !== before.stream) await release(before.stream, 'rescheduled');
    return moved;
  };
