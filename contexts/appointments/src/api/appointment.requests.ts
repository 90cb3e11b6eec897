import * as t from 'io-ts';
import { IsoDate, IsoDateTime, LongText, NonEmptyText, PositiveInt, Uuid, withSchema } from '@hcms/shared-kernel';
import { isTimeZone, TIME_ZONES } from '../application/time-zones.js';
import { AppointmentType, CancelledBy, LocalTime, WeeklyHours } from '../domain/values.js';

export interface TimeZoneBrand {
  readonly TimeZone: unique symbol;
}
export const TimeZone = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, TimeZoneBrand> => isTimeZone(s), 'TimeZone'),
  { type: 'string', enum: [...TIME_ZONES], example: 'Europe/London', description: 'must be an IANA time zone such as Europe/London' },
);

export interface MinutesBrand {
  readonly Minutes: unique symbol;
}
const Minutes = withSchema(
  t.brand(PositiveInt, (n): n is t.Branded<PositiveInt, MinutesBrand> => n >= 5 && n <= 480, 'Minutes'),
  { type: 'integer', minimum: 5, maximum: 480, description: 'must be 5 to 480 minutes' },
);
export type Minutes = t.TypeOf<typeof Minutes>;

export const ProviderParams = t.type({ providerId: Uuid });
export const AppointmentParams = t.type({ appointmentId: Uuid });

export const RegisterProviderBody = t.type({ name: NonEmptyText, specialty: NonEmptyText, timeZone: TimeZone });
export const AvailabilityBody = t.type({ hours: t.array(WeeklyHours), slotMinutes: Minutes });
export const ExceptionBody = t.intersection([
  t.type({ date: IsoDate, kind: t.keyof({ 'time-off': null, 'extra-hours': null }) }),
  t.partial({ start: LocalTime, end: LocalTime, note: NonEmptyText }),
]);
export const BookBody = t.type({
  patientId: Uuid,
  providerId: Uuid,
  start: IsoDateTime,
  minutes: Minutes,
  reason: LongText,
  type: AppointmentType,
});
export const RescheduleBody = t.type({ start: IsoDateTime, minutes: Minutes });
export const CancelBody = t.type({ by: CancelledBy, reason: NonEmptyText });
