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
import { appointmentDecider, isExisting } from '../domain/appointment/appointment.decider.js';
import { appointmentAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { holdSteps } from './hold-steps.js';
import { dayStreamOf, loadProvider, placeInSchedule } from './schedule-placement.js';

/**
 * A saga that moves an appointment, possibly to another day's stream: hold the new time, move the
 * appointment only if its stream is still as it was read (never decided again on a newer state,
 * which the hold was not taken for), then confirm the new time and free the old one. If the move
 * is refused, only the new hold is given back; if it fails without an answer, the hold settler
 * settles the new hold. The old time is never let go before the move is recorded, so nothing has
 * to be taken again and nobody can have taken it meanwhile.
 */
export const rescheduleAppointment =
  (deps: AppointmentsDeps) =>
  async (appointmentId: string, start: string, minutes: number, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> => {
    const stream = appointmentStream(appointmentId);
    const { state, version } = await loadAggregate(deps.store, appointmentAggregate, stream);
    if (!isExisting(state)) return E.left(notFound('APPOINTMENT_NOT_FOUND', 'no such appointment'));
    const provider = await loadProvider(deps, state.providerId);
    if (E.isLeft(provider)) return provider;
    const fromDay = dayStreamOf(provider.right, state.start);
    const after = placeInSchedule(provider.right, start, minutes);
    const command = { type: 'RescheduleAppointment', start: after.slot.start, end: after.slot.end, at: toIsoDateTime(ctx.now) } as const;
    const refused = appointmentDecider.decide(command, state);
    if (E.isLeft(refused)) return refused;

    const steps = holdSteps(deps, appointmentId, state.patientId, ctx);
    const held = await steps.hold(after);
    if (E.isLeft(held)) return held;
    // A conflict is answered, not thrown; a throw may come after the write (a timeout), so the new
    // hold is then left for the settler, which confirms or frees it as the appointment's stream says.
    const moved = await runCommand(deps, appointmentAggregate, stream, command, ctx, {
      patientId: state.patientId,
      expectedVersion: version,
    });
    if (E.isLeft(moved)) {
      await steps.giveBack(after, 'reschedule abandoned');
      return moved;
    }
    // Within one day, confirming the new time frees the old one in the same append.
    await steps.confirm(after);
    if (after.stream !== fromDay) await steps.vacate(fromDay, state.start);
    return moved;
  };
