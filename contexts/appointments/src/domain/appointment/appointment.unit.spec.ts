import { specFor } from '@hcms/shared-kernel/testing';
import type { IsoDateTime, LongText, NonEmptyText } from '@hcms/shared-kernel';
import { appointmentDecider } from './appointment.decider.js';
import type { AppointmentEvent, AppointmentStreamEvent } from './appointment.events.js';
import { holdFate } from './hold-settlement.rules.js';
import { equal } from 'node:assert/strict';

const given = specFor(appointmentDecider);
const iso = (s: string) => s as IsoDateTime;
const at = iso('2026-12-01T08:00:00.000Z');
const start = iso('2026-12-07T09:00:00.000Z');
const end = iso('2026-12-07T09:30:00.000Z');
const booked: AppointmentEvent = {
  type: 'AppointmentBooked',
  data: {
    appointmentId: 'a1',
    patientId: 'p1',
    providerId: 'dr1',
    start,
    end,
    reason: 'check-up' as LongText,
    appointmentType: 'in-person',
    bookedAt: at,
  },
};
const checkedIn: AppointmentEvent = { type: 'PatientCheckedIn', data: { checkedInAt: iso('2026-12-07T08:55:00.000Z') } };
const cancelled: AppointmentEvent = {
  type: 'AppointmentCancelled',
  data: { by: 'patient', reason: 'travel' as NonEmptyText, cancelledAt: at },
};

describe('Appointment', () => {
  it('is booked', () =>
    given([])
      .when({
        type: 'BookAppointment',
        appointmentId: 'a1',
        patientId: 'p1',
        providerId: 'dr1',
        start,
        end,
        reason: 'check-up' as LongText,
        appointmentType: 'in-person',
        at,
      })
      .then([booked]));
  it('is not booked twice', () =>
    given([booked])
      .when({
        type: 'BookAppointment',
        appointmentId: 'a1',
        patientId: 'p1',
        providerId: 'dr1',
        start,
        end,
        reason: 'x' as LongText,
        appointmentType: 'video',
        at,
      })
      .thenFails('APPOINTMENT_EXISTS'));

  describe('when scheduled', () => {
    it('is rescheduled', () =>
      given([booked])
        .when({ type: 'RescheduleAppointment', start: iso('2026-12-08T10:00:00.000Z'), end: iso('2026-12-08T10:30:00.000Z'), at })
        .then([
          {
            type: 'AppointmentRescheduled',
            data: {
              previousStart: start,
              previousEnd: end,
              start: iso('2026-12-08T10:00:00.000Z'),
              end: iso('2026-12-08T10:30:00.000Z'),
              rescheduledAt: at,
            },
          },
        ]));
    it('refuses a reschedule to the same time', () =>
      given([booked]).when({ type: 'RescheduleAppointment', start, end, at }).thenFails('SAME_TIME'));
    it('is cancelled by the patient or the clinic', () =>
      given([booked])
        .when({ type: 'CancelAppointment', by: 'patient', reason: 'travel' as NonEmptyText, at })
        .then([cancelled]));
    it('checks the patient in', () =>
      given([booked])
        .when({ type: 'CheckIn', at: iso('2026-12-07T08:55:00.000Z') })
        .then([checkedIn]));
    it('is marked a no-show once it has started', () =>
      given([booked])
        .when({ type: 'MarkNoShow', at: iso('2026-12-07T09:20:00.000Z') })
        .then([{ type: 'AppointmentMissed', data: { markedAt: iso('2026-12-07T09:20:00.000Z') } }]));
    it('is not marked a no-show before it starts', () =>
      given([booked])
        .when({ type: 'MarkNoShow', at: iso('2026-12-07T08:00:00.000Z') })
        .thenFails('NO_SHOW_BEFORE_START'));
    it('cannot be completed without check-in', () =>
      given([booked]).when({ type: 'CompleteAppointment', at }).thenFails('APPOINTMENT_NOT_CHECKED_IN'));
  });

  describe('when checked in', () => {
    it('is completed', () =>
      given([booked, checkedIn])
        .when({ type: 'CompleteAppointment', at: iso('2026-12-07T09:30:00.000Z') })
        .then([{ type: 'AppointmentCompleted', data: { completedAt: iso('2026-12-07T09:30:00.000Z') } }]));
    it('can no longer be cancelled or rescheduled', () => {
      given([booked, checkedIn])
        .when({ type: 'CancelAppointment', by: 'clinic', reason: 'x' as NonEmptyText, at })
        .thenFails('APPOINTMENT_NOT_SCHEDULED');
      given([booked, checkedIn])
        .when({ type: 'RescheduleAppointment', start: iso('2026-12-08T10:00:00.000Z'), end: iso('2026-12-08T10:30:00.000Z'), at })
        .thenFails('APPOINTMENT_NOT_SCHEDULED');
    });
  });

  describe('when cancelled', () => {
    it('refuses check-in and a second cancellation', () => {
      given([booked, cancelled]).when({ type: 'CheckIn', at }).thenFails('APPOINTMENT_NOT_SCHEDULED');
      given([booked, cancelled])
        .when({ type: 'CancelAppointment', by: 'clinic', reason: 'x' as NonEmptyText, at })
        .thenFails('APPOINTMENT_NOT_SCHEDULED');
    });
  });

  it('refuses commands for an unknown appointment', () => given([]).when({ type: 'CheckIn', at }).thenFails('APPOINTMENT_NOT_FOUND'));

  describe('when the hold settler settles a hold that outlived its saga', () => {
    const later = { start: iso('2026-12-08T10:00:00.000Z'), end: iso('2026-12-08T10:30:00.000Z') };
    const settle = (holdId: string, time = later) => ({ type: 'SettleHold', holdId, ...time, at }) as const;
    const abandoned = (type: 'BookingAbandoned' | 'MoveAbandoned', holdId: string, time = later): AppointmentStreamEvent => ({
      type,
      data: { holdId, ...time, at },
    });
    const replayed = (history: readonly AppointmentStreamEvent[]) =>
      history.reduce(appointmentDecider.evolve, appointmentDecider.initialState);

    it('gives up a booking never recorded, and a late booking is then refused', () => {
      given([])
        .when(settle('h1'))
        .then([abandoned('BookingAbandoned', 'h1')]);
      given([abandoned('BookingAbandoned', 'h1')])
        .when(settle('h1'))
        .then([]);
      given([abandoned('BookingAbandoned', 'h1')])
        .when({
          ...settle('h1'),
          type: 'BookAppointment',
          appointmentId: 'a1',
          patientId: 'p1',
          providerId: 'dr1',
          reason: 'x' as LongText,
          appointmentType: 'video',
        })
        .thenFails('BOOKING_ABANDONED');
      equal(holdFate(replayed([abandoned('BookingAbandoned', 'h1')]), later.start, later.end), 'release');
    });
    it('keeps a hold at the time the appointment is at', () => {
      given([booked]).when(settle('h1', { start, end })).then([]);
      equal(holdFate(replayed([booked]), start, end), 'confirm');
    });
    it('gives up a move that never happened, once, changing the stream under a late move', () => {
      given([booked])
        .when(settle('h2'))
        .then([abandoned('MoveAbandoned', 'h2')]);
      given([booked, abandoned('MoveAbandoned', 'h2')])
        .when(settle('h2'))
        .then([]);
      given([booked, abandoned('MoveAbandoned', 'h2')])
        .when(settle('h3'))
        .then([abandoned('MoveAbandoned', 'h3')]);
      equal(holdFate(replayed([booked, abandoned('MoveAbandoned', 'h2')]), later.start, later.end), 'release');
    });
    it('frees the time of a cancelled appointment', () => equal(holdFate(replayed([booked, cancelled]), start, end), 'release'));
  });
});
