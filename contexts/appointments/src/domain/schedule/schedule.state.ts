import type { ScheduleEvent } from './schedule.events.js';

/**
 * A time held for an appointment. Unconfirmed while the step that needs it (recording the
 * booking, or the move) is in flight: such a hold is settled by the saga that took it, or, if that
 * saga died, by the hold settler once it is old enough.
 */
export interface Hold {
  readonly appointmentId: string;
  readonly patientId: string;
  readonly start: string;
  readonly end: string;
  readonly confirmed: boolean;
  /** Absent on holds recorded before attempts were named. */
  readonly holdId?: string;
  readonly heldAt?: string;
}

/** Plain data (no Map), so the pending-holds read model can keep it as its document. */
export interface ScheduleState {
  readonly holds: readonly Hold[];
}

export const scheduleStream = (providerId: string, localDate: string): string => `schedule-${providerId}-${localDate}`;

export const isHold = (h: Hold, appointmentId: string, start: string): boolean => h.appointmentId === appointmentId && h.start === start;

/** How a `SlotConfirmed` or `SlotReleased` names the hold it is about. */
export interface HoldRef {
  readonly appointmentId: string;
  readonly start?: string;
  readonly end?: string;
  readonly holdId?: string;
}

/**
 * A named hold is meant by its attempt; an unnamed one (recorded before attempts were named) by
 * its time. Events that name neither keep their first meaning: every hold of the appointment at
 * that start, or, without a start, every hold of the appointment.
 */
export const refersTo = (ref: HoldRef, h: Hold): boolean => {
  if (h.appointmentId !== ref.appointmentId) return false;
  if (ref.holdId !== undefined) return h.holdId === ref.holdId;
  if (ref.start === undefined) return true;
  if (ref.end !== undefined) return h.holdId === undefined && h.start === ref.start && h.end === ref.end;
  return h.start === ref.start;
};

/** What a decision records to mean exactly this hold. */
export const refOf = (h: Hold): { start: string; holdId: string } | { start: string; end: string } =>
  h.holdId === undefined ? { start: h.start, end: h.end } : { start: h.start, holdId: h.holdId };

export const evolveSchedule = (s: ScheduleState, e: ScheduleEvent): ScheduleState => {
  switch (e.type) {
    case 'SlotHeld': {
      const { holdId, heldAt, ...slot } = e.data;
      // A named attempt never displaces another hold: each is settled on its own, so a change of
      // length only (same start) cannot take the time the appointment is at from under it.
      const kept = holdId === undefined ? s.holds.filter((h) => h.appointmentId !== slot.appointmentId) : s.holds;
      return {
        holds: [...kept, { ...slot, confirmed: false, ...(holdId === undefined ? {} : { holdId }), ...(heldAt ? { heldAt } : {}) }],
      };
    }
    case 'SlotConfirmed':
      return { holds: s.holds.map((h) => (refersTo(e.data, h) ? { ...h, confirmed: true } : h)) };
    case 'SlotReleased':
      return { holds: s.holds.filter((h) => !refersTo(e.data, h)) };
  }
};
