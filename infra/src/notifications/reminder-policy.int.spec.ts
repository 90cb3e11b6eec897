import { join } from 'node:path';
import { expect } from 'chai';
import { dispatchDue, onAppointmentEvent } from '@hcms/notifications';
import type { StoredEvent } from '@hcms/shared-kernel';
import { tempDir } from '../testing/fixtures.js';
import { appendAbout, contact, LEASE, project, replica, T0, typesOf, type Replica } from './notifications.fixtures.js';

const DAY = 86_400_000;
const reminderOf = (start: string) => `Reminder: you have an appointment on ${start.slice(0, 10)} at ${start.slice(11, 16)} UTC.`;
const at = (days: number, hours = 0) => new Date(Date.parse(T0) + days * DAY + hours * 3_600_000).toISOString();

/** Appointments' events as the policy receives them: stored, with the patient in the metadata. */
const appointment = (r: Replica, appointmentId: string, patientId: string) => {
  const append = (type: string, data: object) => appendAbout(r, `appointment-${appointmentId}`, patientId, `appointments.${type}`, data);
  let start = '';
  return {
    booked: (s: string) => {
      start = s;
      const base = { appointmentId, patientId, providerId: 'dr', reason: 'x', appointmentType: 'in-person', bookedAt: T0 };
      return append('AppointmentBooked', { ...base, start: s, end: s });
    },
    rescheduled: (s: string) => {
      const previous = start;
      start = s;
      return append('AppointmentRescheduled', { previousStart: previous, previousEnd: previous, start: s, end: s, rescheduledAt: T0 });
    },
    cancelled: () => append('AppointmentCancelled', { by: 'clinic', reason: 'patient died', cancelledAt: T0 }),
  };
};

type Appointment = ReturnType<typeof appointment>;

describe('Reminders following their appointment', function () {
  this.timeout(30_000);
  const dir = tempDir();
  after(() => dir.remove());
  let now = new Date(T0);
  let r: Replica;
  let n = 0;
  beforeEach(() => {
    now = new Date(T0);
    r = replica(join(dir.path, String(++n)), { now: () => now });
  });
  afterEach(() => r.close());

  const dispatchAt = async (when: string) => {
    now = new Date(when);
    await project(r);
    return dispatchDue(r.deps, r.due, r.outbox, { dispatcher: 'D', leaseSeconds: LEASE });
  };
  const reminders = async (appointmentId: string) =>
    (await r.outbox.entries())
      .filter((m) => m.notificationId === `reminder-${appointmentId}`)
      .map((m) => m.body)
      .sort();

  it('sends a new reminder for the new time after a reschedule, however often each event is handled', async () => {
    await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
    const policy = onAppointmentEvent(r.deps);
    const a = appointment(r, 'a1', 'p1');
    const booked = await a.booked(at(3));
    await policy(booked);
    await dispatchAt(at(2));
    expect(await reminders('a1')).to.have.length(1);

    now = new Date(at(2, 1));
    const moved = await a.rescheduled(at(5));
    await policy(moved);
    const afterFirst = await typesOf(r, 'reminder-a1');
    // A durable subscription may hand over the same events again after a crash.
    await policy(moved);
    await policy(booked);
    await policy(moved);
    expect(await typesOf(r, 'reminder-a1')).to.deep.equal(afterFirst);
    expect(afterFirst.slice(-1)).to.deep.equal(['NotificationRearmed']);

    await dispatchAt(at(3, 12));
    expect(await reminders('a1'), 'before the new reminder is due').to.deep.equal([reminderOf(at(3))]);
    await dispatchAt(at(4));
    expect(await reminders('a1')).to.deep.equal([reminderOf(at(3)), reminderOf(at(5))]);
  });

  it('is cancelled when moved too close to remind, and re-armed when moved away again, replays included', async () => {
    await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
    const policy = onAppointmentEvent(r.deps);
    const a = appointment(r, 'a2', 'p1');
    const events = [await a.booked(at(3))];
    now = new Date(at(1));
    events.push(await a.rescheduled(at(1, 2)));
    await policy(events[0]!);
    await policy(events[1]!);
    expect((await typesOf(r, 'reminder-a2')).slice(-1)).to.deep.equal(['NotificationCancelled']);
    events.push(await a.rescheduled(at(6)));
    for (const e of [...events, ...events]) await policy(e);
    expect(await typesOf(r, 'reminder-a2')).to.deep.equal(['NotificationScheduled', 'NotificationCancelled', 'NotificationRearmed']);
    await dispatchAt(at(5));
    expect(await reminders('a2')).to.deep.equal([reminderOf(at(6))]);
  });

  it('schedules nothing for a deceased patient, not even the notice of the cancelled appointment', async () => {
    await contact(r, 'p2', { email: 'p2@example.org', optOut: false });
    const policy = onAppointmentEvent(r.deps);
    const a = appointment(r, 'a3', 'p2');
    await policy(await a.booked(at(3)));
    await contact(r, 'p2', { email: 'p2@example.org', optOut: false, deceased: true }, 2);
    await policy(await a.cancelled());
    expect(await typesOf(r, 'cancellation-a3')).to.deep.equal([]);
    expect((await typesOf(r, 'reminder-a3')).slice(-1)).to.deep.equal(['NotificationCancelled']);
    // The confirmation scheduled while alive is withheld at send time.
    await dispatchAt(at(4));
    expect(await r.outbox.entries()).to.deep.equal([]);
    expect((await typesOf(r, 'confirmation-a3')).slice(-1)).to.deep.equal(['NotificationCancelled']);
  });
});

describe('Notices about appointments, when the policy meets old events', function () {
  this.timeout(30_000);
  const dir = tempDir();
  after(() => dir.remove());
  let now = new Date(T0);
  let r: Replica;
  let n = 0;
  beforeEach(async () => {
    now = new Date(T0);
    r = replica(join(dir.path, String(++n)), { now: () => now });
    await contact(r, 'p1', { email: 'p1@example.org', optOut: false });
  });
  afterEach(() => r.close());

  /** Events recorded `daysAgo` before T0 and handled at T0, as by a subscription reading from the start. */
  const recordedDaysAgo = async (daysAgo: number, appointmentId: string, record: (a: Appointment) => Promise<StoredEvent[]>) => {
    now = new Date(at(-daysAgo));
    const events = await record(appointment(r, appointmentId, 'p1'));
    now = new Date(T0);
    const policy = onAppointmentEvent(r.deps);
    for (const e of events) await policy(e);
  };

  it('confirms no booking recorded two days ago, whether the appointment is past or ahead, and still reminds of one ahead', async () => {
    await recordedDaysAgo(2, 'a1', async (a) => [await a.booked(at(-1))]);
    expect(await typesOf(r, 'confirmation-a1'), 'appointment past').to.deep.equal([]);
    expect(await typesOf(r, 'reminder-a1'), 'appointment past').to.deep.equal([]);
    await recordedDaysAgo(2, 'a2', async (a) => [await a.booked(at(3))]);
    expect(await typesOf(r, 'confirmation-a2'), 'appointment ahead').to.deep.equal([]);
    expect(await typesOf(r, 'reminder-a2'), 'appointment ahead').to.deep.equal(['NotificationScheduled']);
  });

  it('tells of no reschedule or cancellation recorded two days ago', async () => {
    await recordedDaysAgo(2, 'a1', async (a) => [await a.booked(at(3)), await a.rescheduled(at(4)), await a.cancelled()]);
    const kinds = (await r.store.readAll({ maxCount: 1_000 }))
      .filter((e) => e.type === 'notifications.NotificationScheduled')
      .map((e) => (e.data as { kind: string }).kind);
    expect(kinds).to.deep.equal(['reminder']);
    expect((await typesOf(r, 'reminder-a1')).slice(-1)).to.deep.equal(['NotificationCancelled']);
  });

  it('confirms, updates and tells of the cancellation of a recent booking', async () => {
    await recordedDaysAgo(0, 'a1', async (a) => [await a.booked(at(3)), await a.rescheduled(at(4)), await a.cancelled()]);
    await project(r);
    expect(await dispatchDue(r.deps, r.due, r.outbox, { dispatcher: 'D', leaseSeconds: LEASE })).to.equal(3);
    expect((await r.outbox.entries()).map((m) => m.subject).sort()).to.deep.equal([
      'Your appointment has moved',
      'Your appointment is booked',
      'Your appointment is cancelled',
    ]);
  });
});
