/**
 * Calendar arithmetic on `YYYY-MM-DD` dates, without a clock or `Date` (domains may use it):
 * proleptic Gregorian, day numbers by H. Hinnant's algorithm.
 */

type Ymd = readonly [year: number, month: number, day: number];

const parts = (date: string): Ymd => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return [y, m, d];
};
const format = ([y, m, d]: Ymd): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;

/** Days since 1970-01-01. */
export const dayNumber = (date: string): number => {
  const [y, m, d] = parts(date);
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
};

/** The date `days` after 1970-01-01. */
export const dateOfDayNumber = (days: number): string => {
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

export const addCalendarDays = (date: string, days: number): string => dateOfDayNumber(dayNumber(date) + days);

/** The same day `months` later, or that month's last day when it is shorter (31 January + 1 month: 28 or 29 February). */
export const addCalendarMonths = (date: string, months: number): string => {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  return format([year, month, Math.min(d, daysInMonth(year, month))]);
};
