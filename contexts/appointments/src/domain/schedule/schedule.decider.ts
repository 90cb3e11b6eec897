import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { conflict, invariantViolated, type Decider, type DomainError } from '@hcms/shared-kernel';
import { overlaps, within, type Interval } from '../values.js';
import type { ScheduleEvent } from './schedule.events.js';
import { evolveSchedule, isHold, refOf, type Hold, type ScheduleState } from './schedule.state.js';

/**
 * One provider's day (`schedule-<providerId>-<date>`, the date in the provider's time zone): the
 * consistency boundary for booking. Two bookings of overlapping times append to the same stream
 * with expected versions, so they cannot both succeed.
 */

export type ScheduleCommand =
  | {
      readonly type: 'HoldSlot';
      readonly appointmentId: string;
      readonly patientId: string;
      readonly slot: Interval;
      /** The provider's opening hours that day, as instants (computed from their time zone). */
      readonly openings: readonly Interval[];
      readonly now: string;
      /** Names this attempt, so that settling it cannot touch a later attempt at the same time. */
      readonly holdId: string;
    }
  | { readonly type: 'ConfirmHold'; readonly appointmentId: string; readonly start: string; readonly holdId?: string }
  | {
      readonly type: 'ReleaseSlot';
      readonly appointmentId: string;
      readonly start: string;
      readonly reason: string;
      /** Only this attempt's hold: a compensation never frees a later attempt's. */
      readonly holdId?: string;
      /** Only a confirmed hold: the time an appointment moved away from, never a move in flight. */
      readonly confirmedOnly?: boolean;
      /** Only a hold taken no later than this instant: not one a later move back to this time took. */
      readonly heldBefore?: string;
    };

export type ScheduleErrorCode = 'SLOT_TAKEN' | 'OUTSIDE_AVAILABILITY' | 'APPOINTMENT_IN_PAST';
export type ScheduleError = DomainError<ScheduleErrorCode>;

type Decision = E.Either<ScheduleError, readonly ScheduleEvent[]>;

const hold = (cmd: Extract<ScheduleCommand, { type: 'HoldSlot' }>, s: ScheduleState): Decision => {
  if (cmd.slot.start < cmd.now) return E.left(invariantViolated('APPOINTMENT_IN_PAST', 'the appointment would start in the past'));
  if (!cmd.openings.some((o) => within(cmd.slot, o))) {
    return E.left(invariantViolated('OUTSIDE_AVAILABILITY', 'the provider is not available at that time'));
  }
  // An appointment's own holds never block it: while it moves, it holds both times.
  const taken = s.holds.some((h) => h.appointmentId !== cmd.appointmentId && overlaps(h, cmd.slot));
  if (taken) return E.left(conflict('SLOT_TAKEN', 'the provider already has an appointment at that time'));
  const { appointmentId, patientId, holdId, now } = cmd;
  return E.right([{ type: 'SlotHeld', data: { appointmentId, patientId, ...cmd.slot, holdId, heldAt: now } }]);
};

/** The hold a confirmation means: the attempt it names, else an unconfirmed hold at that start. */
const toConfirm = (cmd: Extract<ScheduleCommand, { type: 'ConfirmHold' }>, s: ScheduleState): Hold | undefined =>
  s.holds.find((h) => isHold(h, cmd.appointmentId, cmd.start) && (cmd.holdId === undefined ? !h.confirmed : h.holdId === cmd.holdId));

/** Confirming a time frees the appointment's other confirmed times that day: it is at one time. */
const confirm = (cmd: Extract<ScheduleCommand, { type: 'ConfirmHold' }>, s: ScheduleState): Decision => {
  const held = toConfirm(cmd, s);
  if (!held || held.confirmed) return E.right([]);
  const stale = s.holds.filter((h) => h.appointmentId === cmd.appointmentId && h.confirmed && h !== held);
  return E.right([
    { type: 'SlotConfirmed', data: { appointmentId: cmd.appointmentId, ...refOf(held) } },
    ...stale.map((h): ScheduleEvent => ({ type: 'SlotReleased', data: { appointmentId: h.appointmentId, ...refOf(h), reason: 'moved' } })),
  ]);
};

const release = (cmd: Extract<ScheduleCommand, { type: 'ReleaseSlot' }>, s: ScheduleState): Decision => {
  const applies = (h: Hold) =>
    isHold(h, cmd.appointmentId, cmd.start) &&
    (cmd.holdId === undefined || h.holdId === cmd.holdId) &&
    (!cmd.confirmedOnly || h.confirmed) &&
    (cmd.heldBefore === undefined || h.heldAt === undefined || h.heldAt <= cmd.heldBefore);
  return E.right(
    s.holds
      .filter(applies)
      .map((h): ScheduleEvent => ({ type: 'SlotReleased', data: { appointmentId: cmd.appointmentId, ...refOf(h), reason: cmd.reason } })),
  );
};

export const scheduleDecider: Decider<ScheduleCommand, ScheduleEvent, ScheduleState, ScheduleError> = {
  initialState: { holds: [] },
  decide: (cmd, s) => {
    switch (cmd.type) {
      case 'HoldSlot':
        return hold(cmd, s);
      case 'ConfirmHold':
        return confirm(cmd, s);
      case 'ReleaseSlot':
        return release(cmd, s);
      default:
        return absurd<Decision>(cmd);
    }
  },
  evolve: evolveSchedule,
};
