import type { Age } from './test-definition.js';

/**
 * Calendar arithmetic on `YYYY-MM-DD` dates, without a clock or `Date`: an age is counted as people
 * count birthdays, so 18 years old is the 18th birthday, and someone born on 29 February is a year
 * old on 28 February of a common year.
 */

type Ymd = readonly [year: number, month: number, day: number];

const parts = (date: string): Ymd => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return [y, m, d];
};
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export const dayNumber = (date: string): number => {
  const [y, m, d] = parts(date);
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
};

const fromDayNumber = (days: number): string => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format([yoe + era * 400 + (m <= 2 ? 1 : 0), m, d]);
};

const format = ([y, m, d]: Ymd): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const addMonths = (date: string, months: number): string => {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  return format([year, month, Math.min(d, daysInMonth(year, month))]);
};

/** The day someone born on `birthDate` turns `age`: a month or a year later falls on the month's last day when it is shorter. */
export const dayReaching = (birthDate: string, age: Age): string => {
  switch (age.unit) {
    case 'days':
      return fromDayNumber(dayNumber(birthDate) + age.value);
    case 'months':
      return addMonths(birthDate, age.value);
    case 'years':
      return addMonths(birthDate, age.value * 12);
  }
};

/** Whether someone born on `birthDate` is at least `age` old on `on`. */
export const isAtLeast = (birthDate: string, age: Age, on: string): boolean => dayReaching(birthDate, age) <= on;

/** Months from the average Gregorian month (365.2425 / 12 days) are never more than 4.4 days off, whatever the start. */
const MONTH_DAYS = 365.2425 / 12;
const MONTH_SLACK = 5;

/** The fewest and the most days an age can span, over every birth date. */
const spanInDays = (age: Age): readonly [number, number] => {
  if (age.unit === 'days') return [age.value, age.value];
  const months = age.unit === 'years' ? age.value * 12 : age.value;
  return [months * MONTH_DAYS - MONTH_SLACK, months * MONTH_DAYS + MONTH_SLACK];
};

/**
 * Whether `a` is reached before `b` by everyone, whatever their birth date. Months and years compare
 * exactly (a year is 12 months, to the day); days against months only when no calendar could make
 * them meet (30 days and 1 month do not compare: February is shorter, the other months are not).
 */
export const isYoungerThan = (a: Age, b: Age): boolean => {
  if ((a.unit === 'days') === (b.unit === 'days')) {
    const count = (age: Age) => (age.unit === 'years' ? age.value * 12 : age.value);
    return count(a) < count(b);
  }
  return spanInDays(a)[1] < spanInDays(b)[0];
};
