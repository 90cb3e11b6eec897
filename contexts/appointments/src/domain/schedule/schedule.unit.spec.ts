import { specFor } from '@hcms/shared-kernel/testing';
import { scheduleDecider, type ScheduleEvent } from './schedule.js';

const given = specFor(scheduleDecider);
const openings = [{ start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T12:00:00.000Z' }];
const slot = { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T09:30:00.000Z' };
const now = '2026-12-01T08:00:00.000Z';
const held: ScheduleEvent = { type: 'SlotHeld', data: { appointmentId: 'a1', patientId: 'p1', ...slot } };
const hold = (appointmentId: string, s = slot) => ({ type: 'HoldSlot', appointmentId, patientId: 'p1', slot: s, openings, now }) as const;

describe("A provider's day", () => {
  it('holds a free slot within opening hours', () => given([]).when(hold('a1')).then([held]));
  it('refuses a second booking of the same time', () => given([held]).when(hold('a2')).thenFails('SLOT_TAKEN'));
  it('refuses an overlapping booking', () =>
    given([held])
      .when(hold('a2', { start: '2026-12-07T09:15:00.000Z', end: '2026-12-07T09:45:00.000Z' }))
      .thenFails('SLOT_TAKEN'));
  it('accepts the next slot', () =>
    given([held])
      .when(hold('a2', { start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:00:00.000Z' }))
      .then([
        {
          type: 'SlotHeld',
          data: { appointmentId: 'a2', patientId: 'p1', start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:00:00.000Z' },
        },
      ]));
  it('refuses times outside opening hours', () =>
    given([])
      .when(hold('a1', { start: '2026-12-07T11:45:00.000Z', end: '2026-12-07T12:15:00.000Z' }))
      .thenFails('OUTSIDE_AVAILABILITY'));
  it('refuses times in the past', () =>
    given([])
      .when({ ...hold('a1'), now: '2026-12-07T10:00:00.000Z' })
      .thenFails('APPOINTMENT_IN_PAST'));
  it('is idempotent for the same appointment and time', () => given([held]).when(hold('a1')).then([]));
  it('moves an appointment within the day without clashing with itself', () =>
    given([held])
      .when(hold('a1', { start: '2026-12-07T09:15:00.000Z', end: '2026-12-07T09:45:00.000Z' }))
      .then([
        {
          type: 'SlotHeld',
          data: { appointmentId: 'a1', patientId: 'p1', start: '2026-12-07T09:15:00.000Z', end: '2026-12-07T09:45:00.000Z' },
        },
      ]));
  it('frees a released slot', () => {
    const released: ScheduleEvent = { type: 'SlotReleased', data: { appointmentId: 'a1', reason: 'cancelled' } };
    given([held]).when({ type: 'ReleaseSlot', appointmentId: 'a1', reason: 'cancelled' }).then([released]);
    given([held, released])
      .when(hold('a2'))
      .then([{ type: 'SlotHeld', data: { appointmentId: 'a2', patientId: 'p1', ...slot } }]);
  });
  it('releases nothing it does not hold', () => given([]).when({ type: 'ReleaseSlot', appointmentId: 'a9', reason: 'x' }).then([]));
});
