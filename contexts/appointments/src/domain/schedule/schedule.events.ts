import * as t from 'io-ts';
import { eventCodec } from '@hcms/shared-kernel';

/**
 * Events of one provider's day. A hold is named by its appointment and start, so an appointment
 * being moved within a day holds both times until the move is settled. `holdId` names one attempt
 * to hold: a hold written before attempts were named (no `holdId`) replaced every hold of its
 * appointment that day, and a release without `start` frees every hold of its appointment; both
 * are still read that way.
 */
export const SlotHeld = eventCodec(
  'SlotHeld',
  t.intersection([
    t.type({ appointmentId: t.string, patientId: t.string, start: t.string, end: t.string }),
    t.partial({ holdId: t.string, heldAt: t.string }),
  ]),
);
export const SlotConfirmed = eventCodec('SlotConfirmed', t.type({ appointmentId: t.string, start: t.string }));
export const SlotReleased = eventCodec(
  'SlotReleased',
  t.intersection([t.type({ appointmentId: t.string, reason: t.string }), t.partial({ start: t.string })]),
);

export const ScheduleEvent = t.union([SlotHeld, SlotConfirmed, SlotReleased], 'ScheduleEvent');
export type ScheduleEvent = t.TypeOf<typeof ScheduleEvent>;
