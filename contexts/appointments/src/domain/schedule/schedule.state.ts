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

export const evolveSchedule = (s: ScheduleState, e: ScheduleEvent): ScheduleState => {
  const { appointmentId } = e.data;
  switch (e.type) {
    case 'SlotHeld': {
      const { holdId, heldAt, ...slot } = e.data;
      const kept = s.holds.filter((h) => h.appointmentId !== appointmentId || (holdId !== undefined && h.start !== slot.start));
      return {
        holds: [...kept, { ...slot, confirmed: false, ...(holdId === undefined ? {} : { holdId }), ...(heldAt ? { heldAt } : {}) }],
      };
    }
    case 'SlotConfirmed':
      return { holds: s.holds.map((h) => (isHold(h, appointmentId, e.data.start) ? { ...h, confirmed: true } : h)) };
    case 'SlotReleased': {
      const { start } = e.data;
      return { holds: s.holds.filter((h) => h.appointmentId !== appointmentId || (start !== undefined && h.start !== start)) };
    }
  }
};
