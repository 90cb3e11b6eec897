import * as t from 'io-ts';
import { withSchema } from '@hcms/shared-kernel';

export interface LocalTimeBrand {
  readonly LocalTime: unique symbol;
}
/** A wall-clock time in the provider's time zone, `HH:MM`; `24:00` ends a day. */
export const LocalTime = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, LocalTimeBrand> => /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(s), 'LocalTime'),
  { type: 'string', pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$', description: 'must be a time HH:MM (24:00 for the end of the day)' },
);
export type LocalTime = t.TypeOf<typeof LocalTime>;

export interface WeekdayBrand {
  readonly Weekday: unique symbol;
}
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = withSchema(
  t.brand(t.number, (n): n is t.Branded<number, WeekdayBrand> => Number.isInteger(n) && n >= 1 && n <= 7, 'Weekday'),
  { type: 'integer', minimum: 1, maximum: 7, description: 'must be a weekday 1 (Monday) to 7 (Sunday)' },
);
export type Weekday = t.TypeOf<typeof Weekday>;

export const WeeklyHours = t.type({ weekday: Weekday, start: LocalTime, end: LocalTime }, 'WeeklyHours');
export type WeeklyHours = t.TypeOf<typeof WeeklyHours>;

export const AppointmentType = t.keyof({ 'in-person': null, video: null }, 'AppointmentType');
export type AppointmentType = t.TypeOf<typeof AppointmentType>;

export const CancelledBy = t.keyof({ patient: null, clinic: null }, 'CancelledBy');
export type CancelledBy = t.TypeOf<typeof CancelledBy>;

/** A span of time between two instants (UTC ISO strings), start inclusive, end exclusive. */
export interface Interval {
  readonly start: string;
  readonly end: string;
}

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;
export const within = (inner: Interval, outer: Interval): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** Minutes since midnight of a `HH:MM` time. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
export const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** ISO weekday of a calendar date, by arithmetic (Sakamoto), so the domain needs no clock or Date. */
export const weekdayOf = (date: string): number => {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (m < 3) y -= 1;
  const sunday0 = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (offsets[m - 1] ?? 0) + d) % 7;
  return sunday0 === 0 ? 7 : sunday0;
};
