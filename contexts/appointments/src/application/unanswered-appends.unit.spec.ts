import { deepStrictEqual, equal } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { appointmentStream } from '../contract.js';
import { rescheduleAppointment } from './reschedule-appointment.handler.js';
import { at, DAY, iso, NEXT_DAY, sagaWorld } from './sagas.fixtures.js';

/** An append that wrote and then failed (say, a timeout after the commit): the saga cannot tell. */
describe('Sagas whose appointment append is written but not answered', () => {
  const world = sagaWorld();
  const { deps, ctx, store, faults, book, holdsOn } = world;
  const writtenButFailing = (id?: string) =>
    (faults.failAfterWritingTo = (s) => (id === undefined ? s.startsWith('appointment-') : s === appointmentStream(id)));

  before(() => world.registerProvider());
  afterEach(() => (faults.failAfterWritingTo = () => false));

  it('keeps the hold of a booking, which the settler confirms: the time is never booked twice', async () => {
    writtenButFailing();
    const failed = await book(at(DAY, '09:00')).catch((e: Error) => e);
    faults.failAfterWritingTo = () => false;
    equal((failed as Error).message, 'timed out waiting for the write to be acknowledged');
    deepStrictEqual(await holdsOn(DAY), [[iso(DAY, '09:00'), iso(DAY, '09:30'), false]]);
    const meanwhile = await book(at(DAY, '09:00'));
    equal(E.isLeft(meanwhile) && meanwhile.left.code, 'SLOT_TAKEN');

    const round = await world.settle();
    deepStrictEqual({ seen: round.seen, failed: round.failed.length }, { seen: 1, failed: 0 });
    deepStrictEqual(await holdsOn(DAY), [[iso(DAY, '09:00'), iso(DAY, '09:30'), true]]);
    const second = await book(at(DAY, '09:00'));
    equal(E.isLeft(second) && second.left.code, 'SLOT_TAKEN');
  });

  for (const [where, day, time] of [
    ['within one day', DAY, '11:00'],
    ['across days', NEXT_DAY, '12:00'],
  ] as const) {
    it(`keeps the new hold of a move, which the settler confirms and frees the old time, ${where}`, async () => {
      const booked = await book(at(DAY, time));
      if (E.isLeft(booked)) throw new Error(booked.left.code);
      const id = booked.right.appointmentId;
      writtenButFailing(id);
      const failed = await rescheduleAppointment(deps)(id, at(day, '15:00'), 30, ctx).catch((e: Error) => e);
      faults.failAfterWritingTo = () => false;
      equal(failed instanceof Error, true);
      const meanwhile = await book(at(day, '15:00'));
      equal(E.isLeft(meanwhile) && meanwhile.left.code, 'SLOT_TAKEN');

      await world.settle();
      const types = (await store.readStream(appointmentStream(id))).map((e) => e.type);
      deepStrictEqual(types, ['appointments.AppointmentBooked', 'appointments.AppointmentRescheduled']);
      deepStrictEqual(
        (await holdsOn(day)).filter(([s]) => s === iso(day, '15:00')),
        [[iso(day, '15:00'), iso(day, '15:30'), true]],
      );
      const again = await book(at(day, '15:00'));
      equal(E.isLeft(again) && again.left.code, 'SLOT_TAKEN');
      equal(E.isRight(await book(at(DAY, time))), true);
    });
  }
});
