import { addCalendarDays, addCalendarMonths, dayNumber } from '@hcms/shared-kernel';
import type { Age } from './test-definition.js';

/**
 * Ages on the calendar, as people count birthdays: 18 years old is the 18th birthday, and someone
 * born on 29 February is a year old on 28 February of a common year.
 */

export { dayNumber };

/** The day someone born on `birthDate` turns `age`: a month or a year later falls on the month's last day when it is shorter. */
export const dayReaching = (birthDate: string, age: Age): string => {
  switch (age.unit) {
    case 'days':
      return addCalendarDays(birthDate, age.value);
    case 'months':
      return addCalendarMonths(birthDate, age.value);
    case 'years':
      return addCalendarMonths(birthDate, age.value * 12);
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
