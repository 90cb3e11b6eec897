import { expect } from 'chai';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { eventually, tempDir } from '../testing/fixtures.js';

/** A date some days ahead, as the provider's calendar sees it (New York). */
const dayAhead = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

describe('Appointments over HTTP (embedded platform)', function () {
  this.timeout(60_000);
  const dir = tempDir();
  let app: RunningApp;
  let admin: string;
  let desk: string;
  let providerId: string;
  const day = dayAhead(3);
  const at = (time: string) => `${day}T${time}:00-05:00`; // New York in winter; the API takes any offset

  const patient = async (familyName: string) => {
    const r = await app.call('POST', '/patients', {
      token: desk,
      body: { givenName: 'Appt', familyName, dateOfBirth: '1980-02-02', sex: 'unknown' },
    });
    expect(r.status).to.equal(201);
    // Appointments learns of patients from the bus; wait until its reference data has this one.
    await eventually(
      async () =>
        (await app.call('GET', `/read-models`, { token: admin })).body.readModels.every((m: { behind: number }) => m.behind === 0),
      'reference data',
    );
    return r.body.patientId as string;
  };
  const book = (patientId: string, start: string, minutes = 30) =>
    app.call('POST', '/appointments', {
      token: desk,
      body: { patientId, providerId, start, minutes, reason: 'check-up', type: 'in-person' },
    });

  before(async () => {
    app = await startApp(dir.path);
    admin = await app.token('admin');
    desk = await app.token('receptionist', 'desk-1');
    const provider = await app.call('POST', '/providers', {
      token: admin,
      body: { name: 'Dr Grey', specialty: 'Cardiology', timeZone: 'America/New_York' },
    });
    expect(provider.status).to.equal(201);
    providerId = provider.body.providerId;
    const hours = await app.call('PUT', `/providers/${providerId}/availability`, {
      token: admin,
      body: { hours: EVERY_DAY, slotMinutes: 30 },
    });
    expect(hours.status, JSON.stringify(hours.body)).to.equal(200);
  });
  after(async () => {
    await app.stop();
    dir.remove();
  });

  it('books a free slot and shows it booked in the calendar, in the provider’s time zone', async () => {
    const p = await patient('Booked');
    const r = await book(p, at('10:00'));
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const cal = await app.call('GET', `/providers/${providerId}/calendar?from=${day}&minPosition=${r.body.position}`, { token: desk });
    const slot = cal.body.days[0].slots.find((s: { start: string }) => s.start.startsWith(`${day}T15:00`));
    expect(slot).to.deep.include({ status: 'booked', appointmentId: r.body.appointmentId });
    expect(cal.body.days[0].slots).to.have.length(16);
  });

  it('refuses bookings outside availability, in the past, or over another booking', async () => {
    const p = await patient('Refused');
    expect((await book(p, at('07:30'))).body.error).to.equal('OUTSIDE_AVAILABILITY');
    expect((await book(p, '2020-01-06T10:00:00-05:00')).body.error).to.equal('APPOINTMENT_IN_PAST');
    const taken = await book(p, at('10:15'));
    expect(taken.status).to.equal(409);
    expect(taken.body.error).to.equal('SLOT_TAKEN');
  });

  it('lets exactly one of many concurrent bookings of one slot win; the rest get 409', async () => {
    const patients = [];
    for (let i = 0; i < 12; i++) patients.push(await patient(`Racer${i}`));
    const results = await Promise.all(patients.map((p) => book(p, at('11:00'))));
    expect(results.filter((r) => r.status === 201)).to.have.length(1);
    expect(results.filter((r) => r.status === 409)).to.have.length(11);
    results.filter((r) => r.status === 409).forEach((r) => expect(r.body.error).to.equal('SLOT_TAKEN'));
  });

  it('reschedules to another day: the new time is held and the old one freed', async () => {
    const p = await patient('Mover');
    const booked = await book(p, at('13:00'));
    const nextDay = dayAhead(4);
    const moved = await app.call('POST', `/appointments/${booked.body.appointmentId}/reschedule`, {
      token: desk,
      body: { start: `${nextDay}T09:30:00-05:00`, minutes: 30 },
    });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    const cal = await app.call('GET', `/providers/${providerId}/calendar?from=${day}&days=2&minPosition=${moved.body.position}`, {
      token: desk,
    });
    const statusAt = (d: number, hhmm: string) =>
      cal.body.days[d].slots.find((s: { start: string }) => s.start.includes(`T${hhmm}`)).status;
    expect(statusAt(0, '18:00')).to.equal('free');
    expect(statusAt(1, '14:30')).to.equal('booked');
    const mine = await app.call('GET', `/patients/${p}/appointments`, { token: desk });
    expect(mine.body.upcoming[0].start).to.equal(`${nextDay}T14:30:00.000Z`);
  });

  it('after a reschedule, lets someone else book the old time and nobody the new one', async () => {
    const [mover, other] = [await patient('Switcher'), await patient('Taker')];
    const booked = await book(mover, at('16:00'));
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const moved = await app.call('POST', `/appointments/${booked.body.appointmentId}/reschedule`, {
      token: desk,
      body: { start: at('16:30'), minutes: 30 },
    });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    const newTime = await book(other, at('16:30'));
    expect(newTime.status).to.equal(409);
    expect(newTime.body.error).to.equal('SLOT_TAKEN');
    expect((await book(other, at('16:00'))).status).to.equal(201);
  });

  it('follows the lifecycle: check-in, completion; no no-show before the start', async () => {
    const p = await patient('Cycle');
    const { appointmentId } = (await book(p, at('14:00'))).body;
    expect((await app.call('POST', `/appointments/${appointmentId}/no-show`, { token: desk })).body.error).to.equal('NO_SHOW_BEFORE_START');
    expect((await app.call('POST', `/appointments/${appointmentId}/complete`, { token: admin })).body.error).to.equal(
      'APPOINTMENT_NOT_CHECKED_IN',
    );
    expect((await app.call('POST', `/appointments/${appointmentId}/check-in`, { token: desk })).status).to.equal(200);
    const done = await app.call('POST', `/appointments/${appointmentId}/complete`, { token: admin });
    // The answer names the patient it concerned (the audit log files it under them).
    expect([done.status, done.body.patientId]).to.deep.equal([200, p]);
    const mine = await app.call('GET', `/patients/${p}/appointments?minPosition=${done.body.position}`, { token: desk });
    expect(mine.body.upcoming[0].history.map((h: { status: string }) => h.status)).to.deep.equal(['scheduled', 'checked-in', 'completed']);
  });

  it("cancels a patient's future appointments when Patients deactivates them, and refuses new bookings", async () => {
    const p = await patient('Leaving');
    const { appointmentId } = (await book(p, at('15:00'))).body;
    const deactivated = await app.call('POST', `/patients/${p}/deactivate`, { token: desk, body: { reason: 'moved away' } });
    expect(deactivated.status).to.equal(200);
    await eventually(async () => {
      const mine = await app.call('GET', `/patients/${p}/appointments`, { token: desk });
      return mine.body.past.some(
        (a: { appointmentId: string; status: string }) => a.appointmentId === appointmentId && a.status === 'cancelled',
      );
    }, 'the cancellation by policy');
    const mine = await app.call('GET', `/patients/${p}/appointments`, { token: desk });
    expect(mine.body.past[0].history[1]).to.deep.include({ status: 'cancelled', note: 'by clinic: patient record deactivated' });
    await eventually(async () => (await book(p, at('16:00'))).body.error === 'PATIENT_INACTIVE', 'the refusal of new bookings');
  });

  it('finds free slots across providers of a specialty', async () => {
    const r = await app.call('GET', `/slots?specialty=cardiology&from=${day}&days=1`, { token: desk });
    expect(r.status).to.equal(200);
    expect(r.body.items.length).to.be.greaterThan(5);
    expect(r.body.items.every((s: { providerId: string }) => s.providerId === providerId)).to.equal(true);
    expect(r.body.items.some((s: { start: string }) => s.start === `${day}T15:00:00.000Z`)).to.equal(false);
  });
});
