import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { conflict, invariantViolated, type Decider, type DomainError, eventCodec } from '@hcms/shared-kernel';
import { overlaps, within, type Interval } from '../values.js';

/**
 * One provider's day (`schedule-<providerId>-<date>`, the date in the provider's time zone): the
 * consistency boundary for booking. Two bookings of overlapping times append to the same stream
 * with expected versions, so they cannot both succeed.
 */

export const SlotHeld = eventCodec('SlotHeld', t.type({ appointmentId: t.string, patientId: t.string, start: t.string, end: t.string }));
export const SlotReleased = eventCodec('SlotReleased', t.type({ appointmentId: t.string, reason: t.string }));
export const ScheduleEvent = t.union([SlotHeld, SlotReleased], 'ScheduleEvent');
export type ScheduleEvent = t.TypeOf<typeof ScheduleEvent>;

export type ScheduleCommand =
  | {
      readonly type: 'HoldSlot';
      readonly appointmentId: string;
      readonly patientId: string;
      readonly slot: Interval;
      /** The provider's opening hours that day, as instants (computed from their time zone). */
      readonly openings: readonly Interval[];
      readonly now: string;
    }
  | { readonly type: 'ReleaseSlot'; readonly appointmentId: string; readonly reason: string };

export type ScheduleErrorCode = 'SLOT_TAKEN' | 'OUTSIDE_AVAILABILITY' | 'APPOINTMENT_IN_PAST';
export type ScheduleError = DomainError<ScheduleErrorCode>;

export interface ScheduleState {
  readonly holds: ReadonlyMap<string, Interval & { readonly patientId: string }>;
}

export const scheduleStream = (providerId: string, localDate: string): string => `schedule-${providerId}-${localDate}`;

type Decision = E.Either<ScheduleError, readonly ScheduleEvent[]>;

const hold = (cmd: Extract<ScheduleCommand, { type: 'HoldSlot' }>, s: ScheduleState): Decision => {
  const mine = s.holds.get(cmd.appointmentId);
  if (mine && mine.start === cmd.slot.start && mine.end === cmd.slot.end) return E.right([]);
  if (cmd.slot.start < cmd.now) return E.left(invariantViolated('APPOINTMENT_IN_PAST', 'the appointment would start in the past'));
  if (!cmd.openings.some((o) => within(cmd.slot, o))) {
    return E.left(invariantViolated('OUTSIDE_AVAILABILITY', 'the provider is not available at that time'));
  }
  const taken = [...s.holds].some(([id, h]) => id !== cmd.appointmentId && overlaps(h, cmd.slot));
  if (taken) return E.left(conflict('SLOT_TAKEN', 'the provider already has an appointment at that time'));
  return E.right([{ type: 'SlotHeld', data: { appointmentId: cmd.appointmentId, patientId: cmd.patientId, ...cmd.slot } }]);
};

export const scheduleDecider: Decider<ScheduleCommand, ScheduleEvent, ScheduleState, ScheduleError> = {
  initialState: { holds: new Map() },
  decide: (cmd, s) => {
    switch (cmd.type) {
      case 'HoldSlot':
        return hold(cmd, s);
      case 'ReleaseSlot':
        return E.right(
          s.holds.has(cmd.appointmentId) ? [{ type: 'SlotReleased', data: { appointmentId: cmd.appointmentId, reason: cmd.reason } }] : [],
        );
      default:
        return absurd<Decision>(cmd);
    }
  },
  evolve: (s, e) => {
    const holds = new Map(s.holds);
    if (e.type === 'SlotHeld') holds.set(e.data.appointmentId, { start: e.data.start, end: e.data.end, patientId: e.data.patientId });
    else holds.delete(e.data.appointmentId);
    return { holds };
  },
};
