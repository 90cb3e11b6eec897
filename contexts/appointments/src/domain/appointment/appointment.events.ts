import * as t from 'io-ts';
import { IsoDateTime, LongText, NonEmptyText } from '@hcms/shared-kernel';
import { AppointmentType, CancelledBy } from '../values.js';

const event = <T extends string, D extends t.Mixed>(type: T, data: D) => t.type({ type: t.literal(type), data }, type);

export const AppointmentBooked = event(
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
export const AppointmentRescheduled = event(
  'AppointmentRescheduled',
  t.type({ previousStart: IsoDateTime, previousEnd: IsoDateTime, start: IsoDateTime, end: IsoDateTime, rescheduledAt: IsoDateTime }),
);
export const AppointmentCancelled = event(
  'AppointmentCancelled',
  t.type({ by: CancelledBy, reason: NonEmptyText, cancelledAt: IsoDateTime }),
);
export const PatientCheckedIn = event('PatientCheckedIn', t.type({ checkedInAt: IsoDateTime }));
export const AppointmentCompleted = event('AppointmentCompleted', t.type({ completedAt: IsoDateTime }));
export const AppointmentMissed = event('AppointmentMissed', t.type({ markedAt: IsoDateTime }));

export const AppointmentEvent = t.union(
  [AppointmentBooked, AppointmentRescheduled, AppointmentCancelled, PatientCheckedIn, AppointmentCompleted, AppointmentMissed],
  'AppointmentEvent',
);
export type AppointmentEvent = t.TypeOf<typeof AppointmentEvent>;
