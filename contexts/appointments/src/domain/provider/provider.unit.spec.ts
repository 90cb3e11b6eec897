import { deepStrictEqual } from 'node:assert/strict';
import { specFor } from '@hcms/shared-kernel/testing';
import type { IsoDate, NonEmptyText, PositiveInt } from '@hcms/shared-kernel';
import type { LocalTime, WeeklyHours } from '../values.js';
import { localWindowsOn } from './availability.js';
import { providerDecider, type ProviderState } from './provider.decider.js';
import type { ProviderEvent } from './provider.events.js';

const given = specFor(providerDecider);
const text = (s: string) => s as NonEmptyText;
const time = (s: string) => s as LocalTime;
const hours = (weekday: number, start: string, end: string) => ({ weekday, start: time(start), end: time(end) }) as WeeklyHours;
const registered: ProviderEvent = {
  type: 'ProviderRegistered',
  data: { providerId: 'dr1', name: text('Dr Quinn'), specialty: text('cardiology'), timeZone: 'Europe/London' },
};
const weekly: ProviderEvent = {
  type: 'WeeklyAvailabilitySet',
  data: { hours: [hours(1, '09:00', '12:00'), hours(1, '13:00', '17:00')], slotMinutes: 30 as PositiveInt },
};

describe('Provider', () => {
  it('registers a provider', () =>
    given([])
      .when({
        type: 'RegisterProvider',
        providerId: 'dr1',
        name: text('Dr Quinn'),
        specialty: text('cardiology'),
        timeZone: 'Europe/London',
      })
      .then([registered]));
  it('refuses to register twice', () =>
    given([registered])
      .when({ type: 'RegisterProvider', providerId: 'dr1', name: text('x'), specialty: text('y'), timeZone: 'UTC' })
      .thenFails('PROVIDER_ALREADY_REGISTERED'));
  it('sets weekly availability', () =>
    given([registered])
      .when({
        type: 'SetWeeklyAvailability',
        hours: [hours(1, '09:00', '12:00'), hours(1, '13:00', '17:00')],
        slotMinutes: 30 as PositiveInt,
      })
      .then([weekly]));
  it('refuses hours that end before they start', () =>
    given([registered])
      .when({ type: 'SetWeeklyAvailability', hours: [hours(2, '12:00', '09:00')], slotMinutes: 30 as PositiveInt })
      .thenFails('INVALID_HOURS'));
  it('refuses overlapping hours on one day', () =>
    given([registered])
      .when({
        type: 'SetWeeklyAvailability',
        hours: [hours(2, '09:00', '12:00'), hours(2, '11:00', '13:00')],
        slotMinutes: 30 as PositiveInt,
      })
      .thenFails('OVERLAPPING_HOURS'));
  it('refuses a slot longer than a block of hours', () =>
    given([registered])
      .when({ type: 'SetWeeklyAvailability', hours: [hours(2, '09:00', '09:20')], slotMinutes: 30 as PositiveInt })
      .thenFails('SLOT_LONGER_THAN_HOURS'));
  it('refuses availability for an unknown provider', () =>
    given([])
      .when({ type: 'SetWeeklyAvailability', hours: [], slotMinutes: 30 as PositiveInt })
      .thenFails('PROVIDER_NOT_FOUND'));
  it('records time off', () =>
    given([registered, weekly])
      .when({ type: 'AddAvailabilityException', exceptionId: 'x1', date: '2026-12-07' as IsoDate, kind: 'time-off' })
      .then([{ type: 'AvailabilityExceptionAdded', data: { exceptionId: 'x1', date: '2026-12-07' as IsoDate, kind: 'time-off' } }]));
  it('refuses extra hours without times', () =>
    given([registered, weekly])
      .when({ type: 'AddAvailabilityException', exceptionId: 'x1', date: '2026-12-07' as IsoDate, kind: 'extra-hours' })
      .thenFails('INVALID_HOURS'));

  describe('opening hours on a date', () => {
    const state = [registered, weekly].reduce(providerDecider.evolve, providerDecider.initialState) as Extract<
      ProviderState,
      { status: 'active' }
    >;
    it('follows the weekly hours of that weekday', () => {
      deepStrictEqual(localWindowsOn(state, '2026-12-07'), [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ]); // a Monday
      deepStrictEqual(localWindowsOn(state, '2026-12-08'), []);
    });
    it('takes out time off and adds extra hours', () => {
      const withExceptions = {
        ...state,
        exceptions: [
          { exceptionId: 'a', date: '2026-12-07' as IsoDate, kind: 'time-off' as const, start: time('10:00'), end: time('11:00') },
          { exceptionId: 'b', date: '2026-12-07' as IsoDate, kind: 'extra-hours' as const, start: time('12:00'), end: time('13:00') },
        ],
      };
      deepStrictEqual(localWindowsOn(withExceptions, '2026-12-07'), [
        { start: '09:00', end: '10:00' },
        { start: '11:00', end: '17:00' },
      ]);
    });
  });
});
