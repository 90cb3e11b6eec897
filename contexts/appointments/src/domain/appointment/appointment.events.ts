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
