import { deepStrictEqual, equal } from 'node:assert/strict';
import { appointmentStream } from '../contract.js';
import { at, DAY, sagaWorld } from './sagas.fixtures.js';

describe('A hold settling round', () => {
  const world = sagaWorld();
  const { store, faults, book } = world;
  const settledAs = async (appointmentId: string) =>
    (await store.readStream(appointmentStream(appointmentId))).map((e) => e.type.replace('appointments.', ''));

  before(() => world.registerProvider());

  it('settles every other hold when one cannot be settled, and says which failed', async () => {
    faults.failAppendsTo = (s) => s.startsWith('appointment-');
    for (const time of ['09:00', '09:30', '10:00']) await book(at(DAY, time)).catch(() => undefined);
    const [stuck, ...others] = await world.pending.olderThan('9999', 10);
    if (!stuck) throw new Error('expected holds left by the failed bookings');
    faults.failAppendsTo = (s) => s === appointmentStream(stuck.appointmentId);

    const round = await world.settle();
    equal(round.seen, 3);
    deepStrictEqual(
      round.failed.map(({ hold, error }) => [hold.appointmentId, (error as Error).message]),
      [[stuck.appointmentId, 'the disk is full']],
    );
    for (const hold of others) deepStrictEqual(await settledAs(hold.appointmentId), ['BookingAbandoned']);
    deepStrictEqual(await settledAs(stuck.appointmentId), []);

    faults.failAppendsTo = () => false;
    const next = await world.settle();
    deepStrictEqual({ seen: next.seen, failed: next.failed }, { seen: 1, failed: [] });
    deepStrictEqual(await settledAs(stuck.appointmentId), ['BookingAbandoned']);
  });
});
