import * as t from 'io-ts';
import { IsoDateTime, LongText, NonEmptyText, eventCodec } from '@hcms/shared-kernel';
import { AppointmentType, CancelledBy } from '../values.js';

export const AppointmentBooked = eventCodec(
  'AppointmentBooked',
  t.type({
    appointmentId: t.string,
    patientId: t.string,
    providerId: t.string,
    start: IsoDateTime,
    end: IsoDateTime,
    reason: LongText,
    appointmentType: AppointmentType,
    bookedAt: IsoDateTime,
  }),
);
export const AppointmentRescheduled = eventCodec(
  'AppointmentRescheduled',
  t.type({ previousStart: IsoDateTime, previousEnd: IsoDateTime, start: IsoDateTime, end: IsoDateTime, rescheduledAt: IsoDateTime }),
);
export const AppointmentCancelled = eventCodec(
  'AppointmentCancelled',
  t.type({ by: CancelledBy, reason: NonEmptyText, cancelledAt: IsoDateTime }),
);
export const PatientCheckedIn = eventCodec('PatientCheckedIn', t.type({ checkedInAt: IsoDateTime }));
export const AppointmentCompleted = eventCodec('AppointmentCompleted', t.type({ completedAt: IsoDateTime }));
export const AppointmentMissed = eventCodec('AppointmentMissed', t.type({ markedAt: IsoDateTime }));

export const AppointmentEvent = t.union(
  [AppointmentBooked, AppointmentRescheduled, AppointmentCancelled, PatientCheckedIn, AppointmentCompleted, AppointmentMissed],
  'AppointmentEvent',
);
export type AppointmentEvent = t.TypeOf<typeof AppointmentEvent>;

/**
 * Recorded by the hold settler when a hold outlived its saga: the appointment stream is the
 * arbiter, so a booking or a move that wakes up later finds the stream changed and gives up
 * instead of pointing at a time nobody holds. Bookkeeping, not part of the appointment's life.
 */
const Settlement = t.type({ holdId: t.string, start: IsoDateTime, end: IsoDateTime, at: IsoDateTime });
export const BookingAbandoned = eventCodec('BookingAbandoned', Settlement);
export const MoveAbandoned = eventCodec('MoveAbandoned', Settlement);
export const AppointmentSettlementEvent = t.union([BookingAbandoned, MoveAbandoned], 'AppointmentSettlementEvent');
export type AppointmentSettlementEvent = t.TypeOf<typeof AppointmentSettlementEvent>;

/**
 * The patient was erased: what this appointment said about them (its reason, notes) is gone from
 * every view. Its events stay; their personal fields read as stand-ins.
 */
export const AppointmentDetailsErased = eventCodec('AppointmentDetailsErased', t.type({ erasedAt: IsoDateTime }));

/** Everything an `appointment-<id>` stream may hold. */
export const AppointmentStreamEvent = t.union(
  [AppointmentEvent, AppointmentSettlementEvent, AppointmentDetailsErased],
  'AppointmentStreamEvent',
);
export type AppointmentStreamEvent = t.TypeOf<typeof AppointmentStreamEvent>;
