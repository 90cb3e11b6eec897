import * as t from 'io-ts';
import { IsoDate, NonEmptyText, PositiveInt } from '@hcms/shared-kernel';
import { LocalTime, WeeklyHours } from '../values.js';

const event = <T extends string, D extends t.Mixed>(type: T, data: D) => t.type({ type: t.literal(type), data }, type);

export const ProviderRegistered = event(
  'ProviderRegistered',
  t.type({ providerId: t.string, name: NonEmptyText, specialty: NonEmptyText, timeZone: t.string }),
);
export const WeeklyAvailabilitySet = event('WeeklyAvailabilitySet', t.type({ hours: t.array(WeeklyHours), slotMinutes: PositiveInt }));
export const AvailabilityExceptionAdded = event(
  'AvailabilityExceptionAdded',
  t.intersection([
    t.type({ exceptionId: t.string, date: IsoDate, kind: t.keyof({ 'time-off': null, 'extra-hours': null }) }),
    t.partial({ start: LocalTime, end: LocalTime, note: NonEmptyText }),
  ]),
);

export const ProviderEvent = t.union([ProviderRegistered, WeeklyAvailabilitySet, AvailabilityExceptionAdded], 'ProviderEvent');
export type ProviderEvent = t.TypeOf<typeof ProviderEvent>;
export type AvailabilityException = Extract<ProviderEvent, { type: 'AvailabilityExceptionAdded' }>['data'];
