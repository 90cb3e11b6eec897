import * as E from 'fp-ts/lib/Either.js';
import { absurd, pipe } from 'fp-ts/lib/function.js';
import {
  conflict,
  invariantViolated,
  notFound,
  type Decider,
  type DomainError,
  type IsoDateTime,
  type LongText,
  type NonEmptyText,
} from '@hcms/shared-kernel';
import type { AppointmentType, CancelledBy } from '../values.js';
import type { AppointmentEvent, AppointmentStreamEvent } from './appointment.events.js';
import { settleHold } from './hold-settlement.rules.js';

interface At {
  readonly at: IsoDateTime;
}

export type AppointmentCommand =
  | (At & {
      readonly type: 'BookAppointment';
      readonly appointmentId: string;
      readonly patientId: string;
      readonly providerId: string;
      readonly start: IsoDateTime;
      readonly end: IsoDateTime;
      readonly reason: LongText;
      readonly appointmentType: AppointmentType;
    })
  | (At & { readonly type: 'RescheduleAppointment'; readonly start: IsoDateTime; readonly end: IsoDateTime })
  | (At & { readonly type: 'CancelAppointment'; readonly by: CancelledBy; readonly reason: NonEmptyText })
  | (At & { readonly type: 'CheckIn' })
  | (At & { readonly type: 'CompleteAppointment' })
  | (At & { readonly type: 'MarkNoShow' })
  /** Its patient was erased: forget what it said about them (once). */
  | (At & { readonly type: 'EraseDetails' })
  /** From the hold settler: a hold for this appointment outlived the saga that took it. */
  | (At & { readonly type: 'SettleHold'; readonly holdId: string; readonly start: IsoDateTime; readonly end: IsoDateTime });

export type AppointmentStatus = 'scheduled' | 'checked-in' | 'completed' | 'cancelled' | 'no-show';

export type AppointmentErrorCode =
  | 'APPOINTMENT_NOT_FOUND'
  | 'APPOINTMENT_EXISTS'
  | 'BOOKING_ABANDONED'
  | 'APPOINTMENT_NOT_SCHEDULED'
  | 'APPOINTMENT_NOT_CHECKED_IN'
  | 'NO_SHOW_BEFORE_START'
  | 'SAME_TIME';
export type AppointmentError = DomainError<AppointmentErrorCode>;

export type AppointmentState =
  | { readonly status: 'none' }
  /** Its booking was given up by the hold settler before it was recorded: never booked. */
  | { readonly status: 'abandoned' }
  | {
      readonly status: AppointmentStatus;
      readonly appointmentId: string;
      readonly patientId: string;
      readonly providerId: string;
      readonly start: string;
      readonly end: string;
      /** Where the last reschedule moved it from, and when: the hold that move left behind. */
      readonly previous?: { readonly start: string; readonly end: string; readonly movedAt: string };
      /** Moves given up by the hold settler, by hold id, so settling twice records once. */
      readonly abandonedMoves: readonly string[];
      readonly detailsErased?: true;
    };

type Decision = E.Either<AppointmentError, readonly AppointmentStreamEvent[]>;
type Existing = Extract<AppointmentState, { appointmentId: string }>;

export const isExisting = (s: AppointmentState): s is Existing => s.status !== 'none' && s.status !== 'abandoned';

const existing = (s: AppointmentState): E.Either<AppointmentError, Existing> =>
  isExisting(s) ? E.right(s) : E.left(notFound('APPOINTMENT_NOT_FOUND', 'no such appointment'));

const inStatus =
  (allowed: readonly AppointmentStatus[], code: AppointmentErrorCode) =>
  (s: AppointmentState): E.Either<AppointmentError, Existing> =>
    E.chain((a: Existing) => (allowed.includes(a.status) ? E.right(a) : E.left(invariantViolated(code, `the appointment is ${a.status}`))))(
      existing(s),
    );

const scheduled = inStatus(['scheduled'], 'APPOINTMENT_NOT_SCHEDULED');

export const decideAppointment = (cmd: AppointmentCommand, s: AppointmentState): Decision => {
  switch (cmd.type) {
    case 'BookAppointment': {
      if (s.status === 'abandoned') return E.left(conflict('BOOKING_ABANDONED', 'the booking took too long and its time was given up'));
      if (s.status !== 'none') return E.left(conflict('APPOINTMENT_EXISTS', 'this appointment is already booked'));
      const { type: _t, at, appointmentType, ...rest } = cmd;
      return E.right([{ type: 'AppointmentBooked', data: { ...rest, appointmentType, bookedAt: at } }]);
    }
    case 'RescheduleAppointment':
      return E.chain((a: Existing): Decision =>
        a.start === cmd.start && a.end === cmd.end
          ? E.left(invariantViolated('SAME_TIME', 'the appointment is already at that time'))
          : E.right([
              {
                type: 'AppointmentRescheduled',
                data: {
                  previousStart: a.start as IsoDateTime,
                  previousEnd: a.end as IsoDateTime,
                  start: cmd.start,
                  end: cmd.end,
                  rescheduledAt: cmd.at,
                },
              },
            ]),
      )(scheduled(s));
    case 'CancelAppointment':
      return pipe(
        scheduled(s),
        E.map((): readonly AppointmentEvent[] => [
          { type: 'AppointmentCancelled', data: { by: cmd.by, reason: cmd.reason, cancelledAt: cmd.at } },
        ]),
      );
    case 'CheckIn':
      return pipe(
        scheduled(s),
        E.map((): readonly AppointmentEvent[] => [{ type: 'PatientCheckedIn', data: { checkedInAt: cmd.at } }]),
      );
    case 'CompleteAppointment':
      return pipe(
        inStatus(['checked-in'], 'APPOINTMENT_NOT_CHECKED_IN')(s),
        E.map((): readonly AppointmentEvent[] => [{ type: 'AppointmentCompleted', data: { completedAt: cmd.at } }]),
      );
    case 'MarkNoShow':
      return E.chain((a: Existing): Decision =>
        cmd.at < a.start
          ? E.left(invariantViolated('NO_SHOW_BEFORE_START', 'a patient cannot miss an appointment that has not started'))
          : E.right([{ type: 'AppointmentMissed', data: { markedAt: cmd.at } }]),
      )(scheduled(s));
    case 'SettleHold':
      return E.right(settleHold(cmd, s));
    case 'EraseDetails':
      return E.right(isExisting(s) && !s.detailsErased ? [{ type: 'AppointmentDetailsErased', data: { erasedAt: cmd.at } }] : []);
    default:
      return absurd<Decision>(cmd);
  }
};

export const evolveAppointment = (s: AppointmentState, e: AppointmentStreamEvent): AppointmentState => {
  if (e.type === 'AppointmentBooked') {
    const { appointmentId, patientId, providerId, start, end } = e.data;
    return { status: 'scheduled', appointmentId, patientId, providerId, start, end, abandonedMoves: [] };
  }
  if (e.type === 'BookingAbandoned') return s.status === 'none' ? { status: 'abandoned' } : s;
  if (!isExisting(s)) return s;
  switch (e.type) {
    case 'MoveAbandoned':
      return { ...s, abandonedMoves: [...s.abandonedMoves, e.data.holdId] };
    case 'AppointmentRescheduled':
      return {
        ...s,
        start: e.data.start,
        end: e.data.end,
        previous: { start: e.data.previousStart, end: e.data.previousEnd, movedAt: e.data.rescheduledAt },
      };
    case 'AppointmentCancelled':
      return { ...s, status: 'cancelled' };
    case 'PatientCheckedIn':
      return { ...s, status: 'checked-in' };
    case 'AppointmentCompleted':
      return { ...s, status: 'completed' };
    case 'AppointmentMissed':
      return { ...s, status: 'no-show' };
    case 'AppointmentDetailsErased':
      return { ...s, detailsErased: true };
  }
};

export const appointmentDecider: Decider<AppointmentCommand, AppointmentStreamEvent, AppointmentState, AppointmentError> = {
  initialState: { status: 'none' },
  decide: decideAppointment,
  evolve: evolveAppointment,
};
