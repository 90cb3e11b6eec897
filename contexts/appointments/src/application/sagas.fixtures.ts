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
import { scheduleStream } from '../contract.js';
import type { WeeklyHours } from '../domain/values.js';
import { scheduleAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { bookAppointment } from './book-appointment.handler.js';
import { handleProviderCommand, registerProvider } from './provider.handlers.js';
import { settleStaleHolds, type PendingHold, type PendingHolds, type SettlingRound } from './settle-stale-holds.handler.js';

/**
 * Just enough of an event store for the sagas, with switches: appends to some streams fail before
 * writing, or write and then fail (a timeout after the commit: the caller cannot tell).
 */
export const memoryStore = () => {
  const streams = new Map<string, StoredEvent[]>();
  let position = 0;
  const faults = {
    failAppendsTo: (_stream: string): boolean => false,
    failAfterWritingTo: (_stream: string): boolean => false,
  };
  const store: Pick<EventStore, 'append' | 'readStream'> = {
    append: async (streamId: string, events: readonly NewEvent[], expected) => {
      if (faults.failAppendsTo(streamId)) throw new Error('the disk is full');
      const current = streams.get(streamId) ?? [];
      const ok = expected === 'any' || (expected === 'no-stream' ? current.length === 0 : expected === current.length);
      if (!ok) throw new WrongExpectedVersionError(streamId, expected, current.length);
      const stored = events.map((e, i) => ({ ...e, streamId, version: current.length + i + 1, position: ++position, recordedAt: '' }));
      streams.set(streamId, [...current, ...(stored as StoredEvent[])]);
      if (faults.failAfterWritingTo(streamId)) throw new Error('timed out waiting for the write to be acknowledged');
      return { version: current.length + events.length, position };
    },
    readStream: async (streamId: string) => streams.get(streamId) ?? [],
  };
  const streamIds = () => [...streams.keys()];
  return { store: store as EventStore, faults, streamIds };
};

export const DAY = '2026-12-07'; // a Monday
export const NEXT_DAY = '2026-12-08';
export const at = (day: string, time: string) => `${day}T${time}:00Z`;
export const iso = (day: string, time: string) => `${day}T${time}:00.000Z`;
const NOW = new Date('2026-12-01T08:00:00Z');
const BOUND_MS = 60_000;

/** A provider open 09:00–17:00 on Mondays and Tuesdays (UTC), and the sagas' steps against a memory store. */
export const sagaWorld = () => {
  let n = 0;
  const { store, faults, streamIds } = memoryStore();
  const deps: AppointmentsDeps = {
    store,
    ids: { next: () => `id${++n}` },
    clock: { now: () => NOW },
    patients: { statusOf: async () => 'active', upcomingAppointmentsOf: async () => [], appointmentsOf: async () => [] },
  };
  const ctx: CommandContext = { actor: { id: 'desk', role: 'receptionist' }, correlationId: 'c', now: NOW };
  let providerId = '';
  const pending: PendingHolds = {
    olderThan: async (cutoff, limit) => {
      const all = await Promise.all(
        streamIds()
          .filter((s) => s.startsWith('schedule-'))
          .map(async (stream) =>
            (await loadAggregate(store, scheduleAggregate, stream)).state.holds
              .filter((h) => !h.confirmed && (h.heldAt ?? '') < cutoff)
              .map((h): PendingHold => ({ ...h, stream })),
          ),
      );
      return all.flat().slice(0, limit);
    },
  };
  return {
    deps,
    ctx,
    store,
    faults,
    /** The unconfirmed holds, as the pending-holds read model lists them. */
    pending,
    async registerProvider(): Promise<void> {
      const registered = await registerProvider(deps)(
        { name: 'Dr A' as NonEmptyText, specialty: 'GP' as NonEmptyText, timeZone: 'UTC' },
        ctx,
      );
      if (E.isLeft(registered)) throw new Error(registered.left.code);
      providerId = registered.right.providerId;
      const hours = [1, 2].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }) as WeeklyHours);
      await handleProviderCommand(deps)(providerId, { type: 'SetWeeklyAvailability', hours, slotMinutes: 30 as PositiveInt }, ctx);
    },
    book: (start: string, minutes = 30) =>
      bookAppointment(deps)({ patientId: 'p1', providerId, start, minutes, reason: 'x' as LongText, appointmentType: 'video' }, ctx),
    /** [start, end, confirmed] of each hold that day. */
    holdsOn: async (day: string): Promise<[string, string, boolean][]> =>
      (await loadAggregate(store, scheduleAggregate, scheduleStream(providerId, day))).state.holds.map((h) => [
        h.start,
        h.end,
        h.confirmed,
      ]),
    /** A settling round once the bound has passed for every hold taken so far. */
    settle: (): Promise<SettlingRound> =>
      settleStaleHolds({ ...deps, clock: { now: () => new Date(NOW.getTime() + BOUND_MS + 1000) } }, pending, BOUND_MS),
  };
};
