import * as t from 'io-ts';
import { eventCodec } from '@hcms/shared-kernel';

/**
 * Events of one provider's day. A hold is named by its appointment and start, so an appointment
 * being moved within a day holds both times until the move is settled. `holdId` names one attempt
 * to hold, and a hold of one attempt never replaces another's. Events written before attempts were
 * named keep their meaning: a `SlotHeld` without `holdId` replaces every hold of its appointment
 * that day, a confirmation or release with only `start` means every hold of its appointment at that
 * start, and a release without `start` frees every hold of its appointment.
 */
export const SlotHeld = eventCodec(
  'SlotHeld',
  t.intersection([
    t.type({ appointmentId: t.string, patientId: t.string, start: t.string, end: t.string }),
    t.partial({ holdId: t.string, heldAt: t.string }),
  ]),
);
/** `holdId` names the attempt confirmed or released; an unnamed hold is named by `start` and `end`. */
export const SlotConfirmed = eventCodec(
  'SlotConfirmed',
  t.intersection([t.type({ appointmentId: t.string, start: t.string }), t.partial({ holdId: t.string, end: t.string })]),
);
export const SlotReleased = eventCodec(
  'SlotReleased',
  t.intersection([t.type({ appointmentId: t.string, reason: t.string }), t.partial({ start: t.string, holdId: t.string, end: t.string })]),
);

export const ScheduleEvent = t.union([SlotHeld, SlotConfirmed, SlotReleased], 'ScheduleEvent');
export type ScheduleEvent = t.TypeOf<typeof ScheduleEvent>;
