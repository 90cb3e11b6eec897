import { expect } from 'chai';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import {
  registerProvider,
  handleProviderCommand,
  bookAppointment,
  scheduleStream,
  appointmentStream,
  type AppointmentsDeps,
} from '@hcms/appointments';
import type { CommandContext, EventStore, LongText, NonEmptyText, PositiveInt } from '@hcms/shared-kernel';
import { pendingHoldsProjection, ReadModelCollections, type PendingHoldsDoc } from '@hcms/projections';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { createLogger } from '../system/logger.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { eventually, newEvent, tempDir } from '../testing/fixtures.js';
import { startHoldSettlerLoop } from './hold-settler-loop.js';
import { readStorePendingHolds } from './read-store-pending-holds.js';

const BOUND_MS = 60_000;
const DAY = '2030-01-07'; // a Monday

describe('The hold settler (SQLite event store and read store)', function () {
  this.timeout(30_000);
  const dir = tempDir();
  let now = new Date('2030-01-01T08:00:00.000Z');
  const clock = { now: () => now };
  let store: SqliteEventStore;
  let readStore: SqliteReadStore;
  let collections: ReadModelCollections;
  let deps: AppointmentsDeps;
  let providerId: string;
  const ctx = (): CommandContext => ({ actor: { id: 'desk', role: 'receptionist' }, correlationId: 'c', now: clock.now() });

  /** Applies new events to the pending-holds read model, as its projection runner would. */
  const project = async () => {
    const docs = await collections.of<PendingHoldsDoc>(pendingHoldsProjection);
    for (const e of await store.readAll({ maxCount: 10_000 })) {
      const id = pendingHoldsProjection.documentOf(e);
      if (id === undefined) continue;
      const current = await docs.get(id);
      if ((current?.version ?? 0) >= e.version) continue;
      const next = pendingHoldsProjection.evolve(current?.doc ?? null, e);
      if (next === null) await docs.remove(id, e.version);
      else await docs.put(id, next, e.version);
    }
  };
  const settleRound = async () => {
    await project();
    const loop = startHoldSettlerLoop(deps, readStorePendingHolds({ collections }), BOUND_MS, 10, createLogger('silent'));
    await loop.stop(); // the first round runs at start; stop waits for it
    await project();
  };
  const refusal = (r: E.Either<{ readonly code: string }, unknown>) => (E.isLeft(r) ? r.left.code : 'accepted');
  const typesOf = async (stream: string) => (await store.readStream(stream)).map((e) => e.type.replace('appointments.', ''));
  const book = (patientId: string, time: string, d: AppointmentsDeps = deps) =>
    bookAppointment(d)(
      { patientId, providerId, start: `${DAY}T${time}:00Z`, minutes: 30, reason: 'x' as LongText, appointmentType: 'video' },
      ctx(),
    );
  const crashAfterHold = async (appointmentId: string, time: string) => {
    const start = `${DAY}T${time}:00.000Z`;
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    const data = { appointmentId, patientId: 'p-crash', start, end, holdId: `h-${appointmentId}`, heldAt: now.toISOString() };
    await store.append(scheduleStream(providerId, DAY), [newEvent('appointments.SlotHeld', data)], 'any');
    return { start, end };
  };

  before(async () => {
    store = new SqliteEventStore(openDatabase(join(dir.path, 'events.db'), 'full'), clock, 10);
    readStore = new SqliteReadStore(openDatabase(join(dir.path, 'read.db'), 'normal'));
    collections = new ReadModelCollections(readStore);
    deps = {
      store,
      ids: uuidV7Generator,
      clock,
      patients: { statusOf: async () => 'active', upcomingAppointmentsOf: async () => [], appointmentsOf: async () => [] },
    };
    const registered = await registerProvider(deps)(
      { name: 'Dr S' as NonEmptyText, specialty: 'GP' as NonEmptyText, timeZone: 'UTC' },
      ctx(),
    );
    if (E.isLeft(registered)) throw new Error(registered.left.code);
    providerId = registered.right.providerId;
    await handleProviderCommand(deps)(
      providerId,
      { type: 'SetWeeklyAvailability', hours: [{ weekday: 1, start: '09:00', end: '17:00' }] as never, slotMinutes: 30 as PositiveInt },
      ctx(),
    );
  });
  after(async () => {
    await store.close();
    await readStore.close();
    dir.remove();
  });

  it('releases a hold whose booking never got recorded, once the bound has passed, and not before', async () => {
    await crashAfterHold('crashed', '09:00');
    now = new Date(now.getTime() + BOUND_MS - 1000);
    await settleRound();
    expect(refusal(await book('p-other', '09:00'))).to.equal('SLOT_TAKEN');

    now = new Date(now.getTime() + 2000);
    await settleRound();
    expect(await typesOf(appointmentStream('crashed'))).to.deep.equal(['BookingAbandoned']);
    expect((await typesOf(scheduleStream(providerId, DAY))).slice(-1)).to.deep.equal(['SlotReleased']);
    expect(E.isRight(await book('p-other', '09:00'))).to.equal(true);
    await settleRound(); // a second round changes nothing
    expect(await typesOf(appointmentStream('crashed'))).to.deep.equal(['BookingAbandoned']);
  });

  it('confirms, and keeps, a hold whose appointment was recorded but not confirmed', async () => {
    const { start, end } = await crashAfterHold('recorded', '10:00');
    const booked = newEvent('appointments.AppointmentBooked', {
      appointmentId: 'recorded',
      patientId: 'p-crash',
      providerId,
      start,
      end,
      reason: 'x',
      appointmentType: 'video',
      bookedAt: now.toISOString(),
    });
    await store.append(appointmentStream('recorded'), [booked], 'no-stream');
    now = new Date(now.getTime() + BOUND_MS + 1000);
    await settleRound();
    expect(await typesOf(appointmentStream('recorded'))).to.deep.equal(['AppointmentBooked']);
    expect((await typesOf(scheduleStream(providerId, DAY))).slice(-1)).to.deep.equal(['SlotConfirmed']);
    expect(refusal(await book('p-other', '10:00'))).to.equal('SLOT_TAKEN');
    const docs = await collections.of<PendingHoldsDoc>(pendingHoldsProjection);
    expect((await docs.find({ limit: 10 })).items).to.deep.equal([]);
  });

  it('keeps the hold of a booking whose append was written but not answered, and confirms it: no double booking', async () => {
    // The write commits, then the caller hears only an error (a timeout after the commit).
    const unanswered: EventStore = Object.create(store) as EventStore;
    unanswered.append = async (streamId, events, expected) => {
      const written = await store.append(streamId, events, expected);
      if (streamId.startsWith('appointment-')) throw new Error('timed out waiting for the write to be acknowledged');
      return written;
    };
    const failed = await book('p-timeout', '12:00', { ...deps, store: unanswered }).catch((e: Error) => e);
    expect((failed as Error).message).to.equal('timed out waiting for the write to be acknowledged');
    expect(refusal(await book('p-other', '12:00'))).to.equal('SLOT_TAKEN');

    now = new Date(now.getTime() + BOUND_MS + 1000);
    await settleRound();
    const day = await typesOf(scheduleStream(providerId, DAY));
    expect(day.slice(-1)).to.deep.equal(['SlotConfirmed']);
    expect(refusal(await book('p-other', '12:00'))).to.equal('SLOT_TAKEN');
    const booked = (await store.readStream(scheduleStream(providerId, DAY)))
      .filter((e) => e.type === 'appointments.SlotHeld' && (e.data as { start: string }).start === `${DAY}T12:00:00.000Z`)
      .map((e) => (e.data as { appointmentId: string }).appointmentId);
    expect(booked).to.have.length(1);
    expect(await typesOf(appointmentStream(booked[0] ?? ''))).to.deep.equal(['AppointmentBooked']);
  });

  it('refuses a booking that resumes after its hold was given up: no double booking', async () => {
    // The booking stalls between holding the time and recording the appointment.
    let resume!: () => void;
    const stalled = new Promise<void>((r) => (resume = r));
    let paused!: () => void;
    const pausedAtAppend = new Promise<void>((r) => (paused = r));
    const slowStore: EventStore = Object.create(store) as EventStore;
    slowStore.append = async (streamId, events, expected) => {
      if (streamId.startsWith('appointment-')) {
        paused();
        await stalled;
      }
      return store.append(streamId, events, expected);
    };
    const slow = book('p-slow', '11:00', { ...deps, store: slowStore });
    await pausedAtAppend;
    now = new Date(now.getTime() + BOUND_MS + 1000);
    await settleRound();
    const other = await book('p-other', '11:00');
    expect(E.isRight(other)).to.equal(true);
    resume();
    const late = await slow;
    expect(refusal(late)).to.equal('BOOKING_ABANDONED');
    await project();
    const holds = (await store.readStream(scheduleStream(providerId, DAY)))
      .filter((e) => e.type === 'appointments.SlotHeld' && (e.data as { start: string }).start === `${DAY}T11:00:00.000Z`)
      .map((e) => (e.data as { patientId: string }).patientId);
    expect(holds).to.deep.equal(['p-slow', 'p-other']);
    await eventually(async () => E.isLeft(await book('p-third', '11:00')), 'the time to stay with the other patient');
  });
});
