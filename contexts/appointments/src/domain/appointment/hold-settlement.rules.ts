import type { IsoDateTime } from '@hcms/shared-kernel';
import type { AppointmentState } from './appointment.decider.js';
import type { AppointmentSettlementEvent } from './appointment.events.js';

interface StaleHold {
  readonly holdId: string;
  readonly start: IsoDateTime;
  readonly end: IsoDateTime;
  readonly at: IsoDateTime;
}

const isAt = (s: AppointmentState, start: string, end: string): boolean => 'appointmentId' in s && s.start === start && s.end === end;

/**
 * The appointment decides what a hold that outlived its saga was for. Not booked yet: the booking
 * is given up, so a late booking finds the stream taken. At another time: the move is given up,
 * which changes the stream under a late move's conditional append. At that time: nothing to
 * record, the hold is confirmed. Settling the same hold again records nothing more.
 */
export const settleHold = (hold: StaleHold, s: AppointmentState): readonly AppointmentSettlementEvent[] => {
  const data = { holdId: hold.holdId, start: hold.start, end: hold.end, at: hold.at };
  if (s.status === 'none') return [{ type: 'BookingAbandoned', data }];
  if (s.status === 'abandoned' || isAt(s, hold.start, hold.end) || s.abandonedMoves.includes(hold.holdId)) return [];
  return [{ type: 'MoveAbandoned', data }];
};

/** Once settled, a hold is kept only if the appointment is at that time and still needs it. */
export const holdFate = (s: AppointmentState, start: string, end: string): 'confirm' | 'release' =>
  isAt(s, start, end) && s.status !== 'cancelled' ? 'confirm' : 'release';
