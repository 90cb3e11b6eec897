import * as E from 'fp-ts/lib/Either.js';
import {
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
import { appointmentAggregate, scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
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
 * Holds the time in the provider-day schedule (where overlapping bookings collide), then records
 * the appointment. A refusal of either writes nothing further.
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
    const { slot, stream, openings } = placeInSchedule(provider.right, input.start, input.minutes);
    const appointmentId = deps.ids.next();
    const options = { patientId: input.patientId, maxAttempts: 20 };
    const now = ctx.now.toISOString();
    const held = await runCommand(
      deps,
      scheduleAggregate,
      stream,
      { type: 'HoldSlot', appointmentId, patientId: input.patientId, slot, openings, now },
      ctx,
      options,
    );
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
        start: slot.start,
        end: slot.end,
        reason: input.reason,
        appointmentType: input.appointmentType,
        at: toIsoDateTime(ctx.now),
      },
      ctx,
      options,
    );
    return E.map((r: CommandResult) => ({ ...r, appointmentId }))(booked);
  };
