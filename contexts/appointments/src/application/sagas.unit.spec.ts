import { deepStrictEqual, equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import {
  loadAggregate,
  WrongExpectedVersionError,
  type CommandContext,
  type EventStore,
  type LongText,
  type NewEvent,
  type NonEmptyText,
  type PositiveInt,
  type StoredEvent,
} from '@hcms/shared-kernel';
import { appointmentStream, scheduleStream } from '../contract.js';
import type { WeeklyHours } from '../domain/values.js';
import { scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { bookAppointment } from './book-appointment.handler.js';
import { handleProviderCommand, registerProvider } from './provider.handlers.js';
import { rescheduleAppointment } from './reschedule-appointment.handler.js';

/** Just enough of an event store for the sagas, with a switch that makes appends to some streams fail. */
const memoryStore = () => {
  const streams = new Map<string, StoredEvent[]>();
  let position = 0;
  const state = { failAppendsTo: (_stream: string): boolean => false };
  const store: Pick<EventStore, 'append' | 'readStream'> = {
    append: async (streamId: string, events: readonly NewEvent[], expected) => {
      if (state.failAppendsTo(streamId)) throw new Error('the disk is full');
      const current = streams.get(streamId) ?? [];
      const ok = expected === 'any' || (expected === 'no-stream' ? current.length === 0 : expected === current.length);
      if (!ok) throw new WrongExpectedVersionError(streamId, expected, current.length);
      const stored = events.map((e, i) => ({ ...e, streamId, version: current.length + i + 1, position: ++position, recordedAt: '' }));
      streams.set(streamId, [...current, ...(stored as StoredEvent[])]);
      return { version: current.length + events.length, position };
    },
    readStream: async (streamId: string) => streams.get(streamId) ?? [],
  };
  return { store: store as EventStore, state };
};

const DAY = '2026-12-07'; // a Monday
const NEXT_DAY = '2026-12-08';
const at = (day: string, time: string) => `${day}T${time}:00Z`;

describe('Booking and rescheduling sagas', () => {
  let n = 0;
  const { store, state } = memoryStore();
  const deps: AppointmentsDeps = {
    store,
    ids: { next: () => `id${++n}` },
    clock: { now: () => new Date('2026-12-01T08:00:00Z') },
    patients: { statusOf: async () => 'active', upcomingAppointmentsOf: async () => [] },
  };
  const ctx: CommandContext = { actor: { id: 'desk', role: 'receptionist' }, correlationId: 'c', now: new Date('2026-12-01T08:00:00Z') };
  let providerId = '';
  const book = (start: string) =>
    bookAppointment(deps)({ patientId: 'p1', providerId, start, minutes: 30, reason: 'x' as LongText, appointmentType: 'video' }, ctx);
  const holdsOn = async (day: string) =>
    (await loadAggregate(store, scheduleAggregate, scheduleStream(providerId, day))).state.holds.map((h) => [h.start, h.confirmed]);
  const failingAppointments = () => (state.failAppendsTo = (s) => s.startsWith('appointment-'));

  before(async () => {
    const registered = await registerProvider(deps)(
      { name: 'Dr A' as NonEmptyText, specialty: 'GP' as NonEmptyText, timeZone: 'UTC' },
      ctx,
    );
    if (E.isLeft(registered)) throw new Error(registered.left.code);
    providerId = registered.right.providerId;
    const hours = [1, 2].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }) as WeeklyHours);
    await handleProviderCommand(deps)(providerId, { type: 'SetWeeklyAvailability', hours, slotMinutes: 30 as PositiveInt }, ctx);
  });
  afterEach(() => (state.failAppendsTo = () => false));

  it('books: holds the time, records the appointment, confirms the hold', async () => {
    const booked = await book(at(DAY, '09:00'));
    equal(E.isRight(booked), true);
    deepStrictEqual(await holdsOn(DAY), [['2026-12-07T09:00:00.000Z', true]]);
  });

  it('frees the time when recording the booking fails after the hold', async () => {
    failingAppointments();
    await book(at(DAY, '09:30')).then(
      () => Promise.reject(new Error('expected the failure to surface')),
      (error: Error) => equal(error.message, 'the disk is full'),
    );
    state.failAppendsTo = () => false;
    deepStrictEqual(await holdsOn(DAY), [['2026-12-07T09:00:00.000Z', true]]);
    equal(E.isRight(await book(at(DAY, '09:30'))), true);
  });

  for (const [where, day, time] of [
    ['within one day', DAY, '11:00'],
    ['across days', NEXT_DAY, '11:30'],
  ] as const) {
    it(`keeps the old time and frees the new one when the move fails after the hold, ${where}`, async () => {
      const booked = await book(at(DAY, time));
      if (E.isLeft(booked)) throw new Error(booked.left.code);
      const before = { today: await holdsOn(DAY), next: await holdsOn(NEXT_DAY) };
      failingAppointments();
      const moved = await rescheduleAppointment(deps)(booked.right.appointmentId, at(day, '15:00'), 30, ctx).catch((e: Error) => e);
      state.failAppendsTo = () => false;
      equal((moved as Error).message, 'the disk is full');
      deepStrictEqual({ today: await holdsOn(DAY), next: await holdsOn(NEXT_DAY) }, before);
      const appointment = await store.readStream(appointmentStream(booked.right.appointmentId));
      equal(appointment.length, 1);
      // Someone else can have the new time; nobody can have the old one.
      equal(E.isRight(await book(at(day, '15:00'))), true);
      const taken = await book(at(DAY, time));
      equal(E.isLeft(taken) && taken.left.code, 'SLOT_TAKEN');
    });
  }

  it('gives back only the new hold when the appointment changed meanwhile, and never re-decides the move', async () => {
    const booked = await book(at(DAY, '13:00'));
    if (E.isLeft(booked)) throw new Error(booked.left.code);
    const id = booked.right.appointmentId;
    // A check-in lands between reading the appointment and moving it.
    const original = store.readStream.bind(store);
    let reads = 0;
    store.readStream = async (s, o) => {
      if (s === appointmentStream(id) && ++reads === 2) {
        await store.append(
          s,
          [
            {
              id: 'ci',
              type: 'appointments.PatientCheckedIn',
              data: { checkedInAt: ctx.now.toISOString() },
              metadata: { actor: ctx.actor, correlationId: 'c', causationId: 'c', schemaVersion: 1 },
            },
          ],
          1,
        );
      }
      return original(s, o);
    };
    const moved = await rescheduleAppointment(deps)(id, at(DAY, '16:00'), 30, ctx);
    store.readStream = original;
    equal(E.isLeft(moved) && moved.left.code, 'STREAM_CHANGED');
    deepStrictEqual(
      (await holdsOn(DAY)).filter(([start]) => start === '2026-12-07T13:00:00.000Z' || start === '2026-12-07T16:00:00.000Z'),
      [['2026-12-07T13:00:00.000Z', true]],
    );
  });

  it('moves within a day and across days: the new time confirmed, the old one freed', async () => {
    const booked = await book(at(NEXT_DAY, '09:00'));
    if (E.isLeft(booked)) throw new Error(booked.left.code);
    const id = booked.right.appointmentId;
    equal(E.isRight(await rescheduleAppointment(deps)(id, at(NEXT_DAY, '09:30'), 30, ctx)), true);
    deepStrictEqual(
      (await holdsOn(NEXT_DAY)).filter(([s]) => String(s) < '2026-12-08T10:00'),
      [['2026-12-08T09:30:00.000Z', true]],
    );
    equal(E.isRight(await rescheduleAppointment(deps)(id, at(DAY, '16:30'), 30, ctx)), true);
    deepStrictEqual(
      (await holdsOn(NEXT_DAY)).filter(([s]) => String(s) < '2026-12-08T10:00'),
      [],
    );
    deepStrictEqual(
      (await holdsOn(DAY)).filter(([s]) => String(s) === '2026-12-07T16:30:00.000Z'),
      [['2026-12-07T16:30:00.000Z', true]],
    );
  });
});
