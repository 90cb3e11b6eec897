import { deepStrictEqual, equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { appointmentStream } from '../contract.js';
import { rescheduleAppointment } from './reschedule-appointment.handler.js';
import { at, DAY, iso, NEXT_DAY, sagaWorld } from './sagas.fixtures.js';

const typesOf = (events: readonly { readonly type: string }[]) => events.map((e) => e.type.replace('appointments.', ''));

describe('Booking and rescheduling sagas', () => {
  const world = sagaWorld();
  const { deps, ctx, store, faults, book, holdsOn } = world;
  const failingAppointments = () => (faults.failAppendsTo = (s) => s.startsWith('appointment-'));

  before(() => world.registerProvider());
  afterEach(() => (faults.failAppendsTo = () => false));

  it('books: holds the time, records the appointment, confirms the hold', async () => {
    const booked = await book(at(DAY, '09:00'));
    equal(E.isRight(booked), true);
    deepStrictEqual(await holdsOn(DAY), [[iso(DAY, '09:00'), iso(DAY, '09:30'), true]]);
  });

  it('leaves the hold to the settler when the booking fails without an answer; the settler gives the booking up', async () => {
    failingAppointments();
    await book(at(DAY, '09:30')).then(
      () => Promise.reject(new Error('expected the failure to surface')),
      (error: Error) => equal(error.message, 'the disk is full'),
    );
    faults.failAppendsTo = () => false;
    deepStrictEqual((await holdsOn(DAY)).slice(-1), [[iso(DAY, '09:30'), iso(DAY, '10:00'), false]]);
    const meanwhile = await book(at(DAY, '09:30'));
    equal(E.isLeft(meanwhile) && meanwhile.left.code, 'SLOT_TAKEN');
    await world.settle();
    deepStrictEqual(await holdsOn(DAY), [[iso(DAY, '09:00'), iso(DAY, '09:30'), true]]);
    equal(E.isRight(await book(at(DAY, '09:30'))), true);
  });

  for (const [where, day, time] of [
    ['within one day', DAY, '11:00'],
    ['across days', NEXT_DAY, '11:30'],
  ] as const) {
    it(`keeps the old time when the move fails after the hold, and the settler frees the new one, ${where}`, async () => {
      const booked = await book(at(DAY, time));
      if (E.isLeft(booked)) throw new Error(booked.left.code);
      const id = booked.right.appointmentId;
      const before = { today: await holdsOn(DAY), next: await holdsOn(NEXT_DAY) };
      failingAppointments();
      const moved = await rescheduleAppointment(deps)(id, at(day, '15:00'), 30, ctx).catch((e: Error) => e);
      faults.failAppendsTo = () => false;
      equal((moved as Error).message, 'the disk is full');
      await world.settle();
      deepStrictEqual({ today: await holdsOn(DAY), next: await holdsOn(NEXT_DAY) }, before);
      deepStrictEqual(typesOf(await store.readStream(appointmentStream(id))), ['AppointmentBooked', 'MoveAbandoned']);
      // Someone else can have the new time; nobody can have the old one.
      equal(E.isRight(await book(at(day, '15:00'))), true);
      const taken = await book(at(DAY, time));
      equal(E.isLeft(taken) && taken.left.code, 'SLOT_TAKEN');
    });
  }

  it('gives back only the new hold when the appointment changed meanwhile, and never re-decides the move', async () => {
    const booked = await book(at(DAY, '13:00'));
    if (E.isLeft(booked)) throw new Error(booked.left.code);
    const moved = await checkedInWhileMoving(booked.right.appointmentId, at(DAY, '16:00'), 30);
    equal(E.isLeft(moved) && moved.left.code, 'STREAM_CHANGED');
    deepStrictEqual(
      (await holdsOn(DAY)).filter(([start]) => start === iso(DAY, '13:00') || start === iso(DAY, '16:00')),
      [[iso(DAY, '13:00'), iso(DAY, '13:30'), true]],
    );
  });

  it('moves within a day and across days: the new time confirmed, the old one freed', async () => {
    const booked = await book(at(NEXT_DAY, '09:00'));
    if (E.isLeft(booked)) throw new Error(booked.left.code);
    const id = booked.right.appointmentId;
    equal(E.isRight(await rescheduleAppointment(deps)(id, at(NEXT_DAY, '09:30'), 30, ctx)), true);
    deepStrictEqual(
      (await holdsOn(NEXT_DAY)).filter(([s]) => String(s) < '2026-12-08T10:00'),
      [[iso(NEXT_DAY, '09:30'), iso(NEXT_DAY, '10:00'), true]],
    );
    equal(E.isRight(await rescheduleAppointment(deps)(id, at(DAY, '16:30'), 30, ctx)), true);
    deepStrictEqual(
      (await holdsOn(NEXT_DAY)).filter(([s]) => String(s) < '2026-12-08T10:00'),
      [],
    );
    deepStrictEqual(
      (await holdsOn(DAY)).filter(([s]) => String(s) === iso(DAY, '16:30')),
      [[iso(DAY, '16:30'), iso(DAY, '17:00'), true]],
    );
  });

  describe('changing only the length (same start)', () => {
    it('keeps the hold of the time it is at when the move is refused after the new hold', async () => {
      const booked = await book(at(NEXT_DAY, '10:30'));
      if (E.isLeft(booked)) throw new Error(booked.left.code);
      const moved = await checkedInWhileMoving(booked.right.appointmentId, at(NEXT_DAY, '10:30'), 60);
      equal(E.isLeft(moved) && moved.left.code, 'STREAM_CHANGED');
      deepStrictEqual(
        (await holdsOn(NEXT_DAY)).filter(([s]) => s === iso(NEXT_DAY, '10:30')),
        [[iso(NEXT_DAY, '10:30'), iso(NEXT_DAY, '11:00'), true]],
      );
      const other = await book(at(NEXT_DAY, '10:30'));
      equal(E.isLeft(other) && other.left.code, 'SLOT_TAKEN');
    });

    it('keeps the hold of the time it is at when the move dies after the new hold, through settling', async () => {
      const booked = await book(at(NEXT_DAY, '12:00'));
      if (E.isLeft(booked)) throw new Error(booked.left.code);
      const id = booked.right.appointmentId;
      faults.failAppendsTo = (s) => s === appointmentStream(id);
      await rescheduleAppointment(deps)(id, at(NEXT_DAY, '12:00'), 60, ctx).catch(() => undefined);
      faults.failAppendsTo = () => false;
      await world.settle();
      deepStrictEqual(typesOf(await store.readStream(appointmentStream(id))), ['AppointmentBooked', 'MoveAbandoned']);
      deepStrictEqual(
        (await holdsOn(NEXT_DAY)).filter(([s]) => s === iso(NEXT_DAY, '12:00')),
        [[iso(NEXT_DAY, '12:00'), iso(NEXT_DAY, '12:30'), true]],
      );
      const other = await book(at(NEXT_DAY, '12:00'));
      equal(E.isLeft(other) && other.left.code, 'SLOT_TAKEN');
    });

    it('holds only the new length once moved', async () => {
      const booked = await book(at(NEXT_DAY, '14:00'));
      if (E.isLeft(booked)) throw new Error(booked.left.code);
      equal(E.isRight(await rescheduleAppointment(deps)(booked.right.appointmentId, at(NEXT_DAY, '14:00'), 60, ctx)), true);
      deepStrictEqual(
        (await holdsOn(NEXT_DAY)).filter(([s]) => s === iso(NEXT_DAY, '14:00')),
        [[iso(NEXT_DAY, '14:00'), iso(NEXT_DAY, '15:00'), true]],
      );
      const other = await book(at(NEXT_DAY, '14:30'));
      equal(E.isLeft(other) && other.left.code, 'SLOT_TAKEN');
    });
  });

  /** A check-in lands between reading the appointment and moving it. */
  const checkedInWhileMoving = async (id: string, start: string, minutes: number) => {
    const original = store.readStream.bind(store);
    let reads = 0;
    store.readStream = async (s, o) => {
      if (s === appointmentStream(id) && ++reads === 2) {
        const metadata = { actor: ctx.actor, correlationId: 'c', causationId: 'c', schemaVersion: 1 };
        await store.append(
          s,
          [{ id: `ci-${id}`, type: 'appointments.PatientCheckedIn', data: { checkedInAt: ctx.now.toISOString() }, metadata }],
          1,
        );
      }
      return original(s, o);
    };
    try {
      return await rescheduleAppointment(deps)(id, start, minutes, ctx);
    } finally {
      store.readStream = original;
    }
  };
});
