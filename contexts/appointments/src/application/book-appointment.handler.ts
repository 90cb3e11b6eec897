import * as E from 'fp-ts/lib/Either.js';
import { DateTime } from 'luxon';
import {
  invariantViolated,
  loadAggregate,
  notFound,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type LongText,
} from '@hcms/shared-kernel';
import { appointmentStream, providerStream } from '../contract.js';
import { scheduleStream } from '../domain/schedule/schedule.js';
import type { AppointmentType } from '../domain/values.js';
import { appointmentAggregate, providerAggregate, scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { localDateOf, openingsOn } from './time-zones.js';

export interface BookAppointmentInput {
  readonly patientId: string;
  readonly providerId: string;
  /** ISO 8601 with an offset; stored in UTC. */
  readonly start: string;
  readonly minutes: number;
  readonly reason: LongText;
  readonly appointmentType: AppointmentType;
}

/** Where an appointment would sit: its UTC times, the provider-day stream and that day's openings. */
export const placeInSchedule = async (deps: AppointmentsDeps, providerId: string, start: string, minutes: number) => {
  const provider = await loadAggregate(deps.store, providerAggregate, providerStream(providerId));
  if (provider.state.status !== 'active') return E.left(notFound('PROVIDER_NOT_FOUND', 'no such provider'));
  const from = DateTime.fromISO(start, { setZone: true }).toUTC();
  const slot = { start: toIsoDateTime(from.toJSDate()), end: toIsoDateTime(from.plus({ minutes }).toJSDate()) };
  const localDate = localDateOf(slot.start, provider.state.timeZone);
  return E.right({ slot, stream: scheduleStream(providerId, localDate), openings: openingsOn(provider.state, localDate) });
};

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
    const place = await placeInSchedule(deps, input.providerId, input.start, input.minutes);
    if (E.isLeft(place)) return place;
    const { slot, stream, openings } = place.right;
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
