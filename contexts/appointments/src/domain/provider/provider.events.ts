import * as t from 'io-ts';
import { IsoDate, NonEmptyText, PositiveInt, eventCodec } from '@hcms/shared-kernel';
import { LocalTime, WeeklyHours } from '../values.js';

export const ProviderRegistered = eventCodec(
  'ProviderRegistered',
  t.type({ providerId: t.string, name: NonEmptyText, specialty: NonEmptyText, timeZone: t.string }),
);
export const WeeklyAvailabilitySet = eventCodec('WeeklyAvailabilitySet', t.type({ hours: t.array(WeeklyHours), slotMinutes: PositiveInt }));
export const AvailabilityExceptionAdded = eventCodec(
  'AvailabilityExceptionAdded',
  t.intersection([
    t.type({ exceptionId: t.string, date: IsoDate, kind: t.keyof({ 'time-off': null, 'extra-hours': null }) }),
    t.partial({ start: LocalTime, end: LocalTime, note: NonEmptyText }),
  ]),
);

export const ProviderEvent = t.union([ProviderRegistered, WeeklyAvailabilitySet, AvailabilityExceptionAdded], 'ProviderEvent');
export type ProviderEvent = t.TypeOf<typeof ProviderEvent>;
export type AvailabilityException = Extract<ProviderEvent, { type: 'AvailabilityExceptionAdded' }>['data'];
