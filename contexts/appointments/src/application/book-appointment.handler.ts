import * as E from 'fp-ts/lib/Either.js';
import {
  ConcurrencyConflictError,
  invariantViolated,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type LongText,
} from '@hcms/shared-kernel';
import { appointmentStream } from '../contract.js';
import type { AppointmentType } from '../domain/values.js';
import { appointmentAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { holdSteps, STEP_ATTEMPTS } from './hold-steps.js';
import { loadProvider, placeInSchedule } from './schedule-placement.js';

export interface BookAppointmentInput {
  readonly patientId: string;
  readonly providerId: string;
  /** ISO 8601 with an offset; stored in UTC. */
  readonly start: string;
  readonly minutes: number;
  readonly reason: LongText;
  readonly appointmentType: AppointmentType;
}

const patientMayBook = async (deps: AppointmentsDeps, patientId: string): Promise<DomainError | undefined> => {
  const status = await deps.patients.statusOf(patientId);
  if (status === undefined) return invariantViolated('PATIENT_NOT_KNOWN', 'Appointments does not know this patient (yet); retry shortly');
  return status === 'active' ? undefined : invariantViolated('PATIENT_INACTIVE', `the patient is ${status}`);
};

/**
 * A saga: hold the time in the provider-day schedule (where overlapping bookings collide), record
 * the appointment, confirm the hold. If the appointment is refused the hold is given back; if its
 * append fails without saying whether it was written, or this process dies first, the hold is left
 * to the hold settler, which confirms it or gives up the booking as the appointment's stream says.
 */
export const bookAppointment =
  (deps: AppointmentsDeps) =>
  async (
    input: BookAppointmentInput,
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult & { readonly appointmentId: string }>> => {
    const refused = await patientMayBook(deps, input.patientId);
    if (refused) return E.left(refused);
    const provider = await loadProvider(deps, input.providerId);
    if (E.isLeft(provider)) return provider;
    const place = placeInSchedule(provider.right, input.start, input.minutes);
    const appointmentId = deps.ids.next();
    const steps = holdSteps(deps, appointmentId, input.patientId, ctx);
    const held = await steps.hold(place);
    if (E.isLeft(held)) return held;
    const booked = await runCommand(
      deps,
      appointmentAggregate,
      appointmentStream(appointmentId),
      {
        type: 'BookAppointment',
        appointmentId,
        patientId: input.patientId,
        providerId: input.providerId,
        start: place.slot.start,
        end: place.slot.end,
        reason: input.reason,
        appointmentType: input.appointmentType,
        at: toIsoDateTime(ctx.now),
      },
      ctx,
      // Not conditional: deciding again is what turns a booking the settler gave up into BOOKING_ABANDONED.
      { patientId: input.patientId, maxAttempts: STEP_ATTEMPTS },
    ).catch(async (error: unknown) => {
      // Only a version conflict is known not to have written. Any other failure may come after the
      // write (a timeout), so the hold stays for the settler, which asks the appointment's stream.
      if (error instanceof ConcurrencyConflictError) await steps.giveBack(place, 'booking failed');
      throw error;
    });
    if (E.isLeft(booked)) {
      await steps.giveBack(place, 'booking refused');
      return booked;
    }
    await steps.confirm(place);
    return E.right({ ...booked.right, appointmentId });
  };
