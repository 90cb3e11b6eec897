import { specFor } from '@hcms/shared-kernel/testing';
import { scheduleDecider } from './schedule.decider.js';
import type { ScheduleEvent } from './schedule.events.js';

const given = specFor(scheduleDecider);
const openings = [{ start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T12:00:00.000Z' }];
const slot = { start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T09:30:00.000Z' };
const later = { start: '2026-12-07T10:00:00.000Z', end: '2026-12-07T10:30:00.000Z' };
const now = '2026-12-01T08:00:00.000Z';
const hold = (appointmentId: string, s = slot, holdId = `h-${appointmentId}`) =>
  ({ type: 'HoldSlot', appointmentId, patientId: 'p1', slot: s, openings, now, holdId }) as const;
const held = (appointmentId: string, s = slot, holdId = `h-${appointmentId}`): ScheduleEvent => ({
  type: 'SlotHeld',
  data: { appointmentId, patientId: 'p1', ...s, holdId, heldAt: now },
});
const confirmed = (appointmentId: string, start = slot.start, holdId = `h-${appointmentId}`): ScheduleEvent => ({
  type: 'SlotConfirmed',
  data: { appointmentId, start, holdId },
});
const released = (appointmentId: string, start: string, reason: string, holdId = `h-${appointmentId}`): ScheduleEvent => ({
  type: 'SlotReleased',
  data: { appointmentId, start, holdId, reason },
});
const longer = { start: slot.start, end: '2026-12-07T10:00:00.000Z' };

describe("A provider's day", () => {
  describe('when holding a time', () => {
    it('holds a free slot within opening hours, unconfirmed', () =>
      given([])
        .when(hold('a1'))
        .then([held('a1')]));
    it('refuses a second booking of the same time, confirmed or not', () => {
      given([held('a1')])
        .when(hold('a2'))
        .thenFails('SLOT_TAKEN');
      given([held('a1'), confirmed('a1')])
        .when(hold('a2'))
        .thenFails('SLOT_TAKEN');
    });
    it('refuses an overlapping booking', () =>
      given([held('a1')])
        .when(hold('a2', { start: '2026-12-07T09:15:00.000Z', end: '2026-12-07T09:45:00.000Z' }))
        .thenFails('SLOT_TAKEN'));
    it('accepts the next slot', () => {
      const next = { start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:00:00.000Z' };
      given([held('a1')])
        .when(hold('a2', next))
        .then([held('a2', next)]);
    });
    it('refuses times outside opening hours', () =>
      given([])
        .when(hold('a1', { start: '2026-12-07T11:45:00.000Z', end: '2026-12-07T12:15:00.000Z' }))
        .thenFails('OUTSIDE_AVAILABILITY'));
    it('refuses times in the past', () =>
      given([])
        .when({ ...hold('a1'), now: '2026-12-07T10:00:00.000Z' })
        .thenFails('APPOINTMENT_IN_PAST'));
    it('lets an appointment being moved hold an overlapping time beside its own', () => {
      const overlapping = { start: '2026-12-07T09:15:00.000Z', end: '2026-12-07T09:45:00.000Z' };
      given([held('a1'), confirmed('a1')])
        .when(hold('a1', overlapping, 'h2'))
        .then([held('a1', overlapping, 'h2')]);
    });
    it('records a new attempt at a time the appointment already holds, so settling the old attempt leaves it alone', () => {
      given([held('a1', slot, 'h1')])
        .when(hold('a1', slot, 'h2'))
        .then([held('a1', slot, 'h2')]);
      given([held('a1', slot, 'h1'), held('a1', slot, 'h2')])
        .when({ type: 'ReleaseSlot', appointmentId: 'a1', start: slot.start, holdId: 'h1', reason: 'abandoned' })
        .then([released('a1', slot.start, 'abandoned', 'h1')]);
      given([held('a1', slot, 'h1'), held('a1', slot, 'h2'), released('a1', slot.start, 'abandoned', 'h1')])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start, holdId: 'h2' })
        .then([confirmed('a1', slot.start, 'h2')]);
    });
    it('keeps the confirmed hold when the same start is held again for another length, until that move is settled', () => {
      const lengthening = [held('a1', slot, 'h1'), confirmed('a1', slot.start, 'h1'), held('a1', longer, 'h2')];
      given(lengthening)
        .when({ type: 'ReleaseSlot', appointmentId: 'a1', start: slot.start, holdId: 'h2', reason: 'reschedule abandoned' })
        .then([released('a1', slot.start, 'reschedule abandoned', 'h2')]);
      given([...lengthening, released('a1', slot.start, 'reschedule abandoned', 'h2')])
        .when(hold('a2'))
        .thenFails('SLOT_TAKEN');
      given(lengthening)
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start, holdId: 'h2' })
        .then([confirmed('a1', slot.start, 'h2'), released('a1', slot.start, 'moved', 'h1')]);
      given([...lengthening, confirmed('a1', slot.start, 'h2'), released('a1', slot.start, 'moved', 'h1')])
        .when(hold('a2', { start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:00:00.000Z' }))
        .thenFails('SLOT_TAKEN');
    });
  });

  describe('when confirming a hold', () => {
    it('confirms the attempt it names', () =>
      given([held('a1')])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start, holdId: 'h-a1' })
        .then([confirmed('a1')]));
    it('does nothing for another attempt, a released hold, or a second time', () => {
      given([held('a1')])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start, holdId: 'other' })
        .then([]);
      given([held('a1'), released('a1', slot.start, 'x')])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start })
        .then([]);
      given([held('a1'), confirmed('a1')])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start })
        .then([]);
    });
    it('frees the time the appointment moved from within the day, in the same append', () =>
      given([held('a1'), confirmed('a1'), held('a1', later, 'h2')])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: later.start, holdId: 'h2' })
        .then([confirmed('a1', later.start, 'h2'), released('a1', slot.start, 'moved')]));
  });

  describe('when releasing', () => {
    it('frees a released slot for someone else', () => {
      given([held('a1')])
        .when({ type: 'ReleaseSlot', appointmentId: 'a1', start: slot.start, reason: 'cancelled' })
        .then([released('a1', slot.start, 'cancelled')]);
      given([held('a1'), released('a1', slot.start, 'cancelled')])
        .when(hold('a2'))
        .then([held('a2')]);
    });
    it('releases nothing it does not hold', () =>
      given([]).when({ type: 'ReleaseSlot', appointmentId: 'a9', start: slot.start, reason: 'x' }).then([]));
    it('leaves a move in flight alone when freeing only confirmed times', () => {
      const vacate = { type: 'ReleaseSlot', appointmentId: 'a1', start: slot.start, reason: 'rescheduled', confirmedOnly: true } as const;
      given([held('a1')])
        .when(vacate)
        .then([]);
      given([held('a1'), confirmed('a1')])
        .when(vacate)
        .then([released('a1', slot.start, 'rescheduled')]);
      given([held('a1'), confirmed('a1')])
        .when({ ...vacate, heldBefore: '2026-12-01T07:00:00.000Z' })
        .then([]);
    });
  });

  describe('events recorded before holds were named', () => {
    const legacy = (start: string, end: string): ScheduleEvent => ({
      type: 'SlotHeld',
      data: { appointmentId: 'a1', patientId: 'p1', start, end },
    });
    it('reads a second hold of the appointment as replacing its first', () =>
      given([legacy(slot.start, slot.end), legacy(later.start, later.end)])
        .when(hold('a2'))
        .then([held('a2')]));
    it('reads a confirmation or release with only a start as meaning every hold of the appointment at that start', () => {
      const twice = [held('a1', slot, 'h1'), held('a1', longer, 'h2')];
      given([...twice, { type: 'SlotConfirmed', data: { appointmentId: 'a1', start: slot.start } }])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start, holdId: 'h2' })
        .then([]);
      given([...twice, { type: 'SlotReleased', data: { appointmentId: 'a1', start: slot.start, reason: 'x' } }])
        .when(hold('a2', longer))
        .then([held('a2', longer)]);
    });
    it('names an unnamed hold by its time, so freeing it leaves a named hold at the same start', () => {
      given([
        legacy(slot.start, slot.end),
        { type: 'SlotConfirmed', data: { appointmentId: 'a1', start: slot.start } },
        held('a1', longer, 'h2'),
      ])
        .when({ type: 'ConfirmHold', appointmentId: 'a1', start: slot.start, holdId: 'h2' })
        .then([
          confirmed('a1', slot.start, 'h2'),
          { type: 'SlotReleased', data: { appointmentId: 'a1', start: slot.start, end: slot.end, reason: 'moved' } },
        ]);
      given([
        legacy(slot.start, slot.end),
        held('a1', longer, 'h2'),
        confirmed('a1', slot.start, 'h2'),
        { type: 'SlotReleased', data: { appointmentId: 'a1', start: slot.start, end: slot.end, reason: 'moved' } },
      ])
        .when(hold('a2', longer))
        .thenFails('SLOT_TAKEN');
    });
    it('reads a release without a time as freeing every hold of the appointment', () =>
      given([legacy(slot.start, slot.end), { type: 'SlotReleased', data: { appointmentId: 'a1', reason: 'cancelled' } }])
        .when(hold('a2'))
        .then([held('a2')]));
  });
});
