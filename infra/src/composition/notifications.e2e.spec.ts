import { expect } from 'chai';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { startSmsProvider } from '../testing/sms-provider.js';
import { startSmtpInbox, type ReceivedMail } from '../testing/smtp-inbox.js';

const dayAhead = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A reminder lead that makes the reminder for `start` fall due `seconds` from now. */
const leadFor = (start: string, seconds: number): string => String(Math.round((Date.parse(start) - Date.now()) / 1000) - seconds);
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:30' }));

/** A provider open every day (UTC) and a way to register patients Appointments and Notifications know. */
const clinic = async (app: RunningApp) => {
  const admin = await app.token('admin');
  const desk = await app.token('receptionist', 'desk-2');
  const provider = await app.call('POST', '/providers', {
    token: admin,
    body: { name: 'Dr Wu', specialty: 'general practice', timeZone: 'UTC' },
  });
  const providerId = provider.body.providerId as string;
  await app.call('PUT', `/providers/${providerId}/availability`, { token: admin, body: { hours: EVERY_DAY, slotMinutes: 30 } });
  const settled = () =>
    eventually(
      async () =>
        (await app.call('GET', '/read-models', { token: admin })).body.readModels.every((m: { behind: number }) => m.behind === 0),
      'read models',
    );
  const patient = async (familyName: string, contact: { email?: string; phone?: string }, preferred: 'email' | 'sms') => {
    const r = await app.call('POST', '/patients', {
      token: desk,
      body: { givenName: 'Note', familyName, dateOfBirth: '1970-07-07', sex: 'female', ...contact },
    });
    const preferences = await app.call('POST', `/patients/${r.body.patientId}/contact-preferences`, {
      token: desk,
      body: { preferred, optOut: false },
    });
    expect(preferences.status).to.equal(200);
    await settled();
    return r.body.patientId as string;
  };
  const book = (patientId: string, start: string) =>
    app.call('POST', '/appointments', {
      token: desk,
      body: { patientId, providerId, start, minutes: 30, reason: 'annual review', type: 'in-person' },
    });
  const notifications = async (patientId: string) =>
    (await app.call('GET', `/patients/${patientId}/notifications`, { token: admin })).body.items;
  return { admin, desk, providerId, patient, book, notifications, settled };
};

/** For one suite: the platform sending e-mail to a real SMTP inbox. */
const platformMailingTo = () => {
  const dir = tempDir();
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>> | undefined;
  let app: RunningApp | undefined;
  before(async () => {
    inbox = await startSmtpInbox();
    app = await startApp(dir.path, { HCMS_SMTP_URL: inbox.url, HCMS_DISPATCH_INTERVAL_MS: '50' });
  });
  after(async () => {
    await app?.stop();
    await inbox?.stop();
    dir.remove();
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('outside the suite');
    return value;
  };
  return {
    get app() {
      return running(app);
    },
    get inbox() {
      return running(inbox);
    },
  };
};

describe('Notifications', function () {
  this.timeout(60_000);

  describe('over SMTP, through an appointment’s life', () => {
    const s = platformMailingTo();

    it('confirms a booking, moves the reminder on reschedule, and tells of the cancellation when the patient is deactivated', async () => {
      const c = await clinic(s.app);
      const patientId = await c.patient('Mailer', { email: 'mailer@example.org' }, 'email');
      const mailTo = (subject: string) => (m: ReceivedMail) => m.to.includes('mailer@example.org') && m.raw.includes(`Subject: ${subject}`);

      const booked = await c.book(patientId, `${dayAhead(3)}T10:00:00Z`);
      expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
      await eventually(() => s.inbox.received.some(mailTo('Your appointment is booked')), 'the confirmation e-mail');
      expect(s.inbox.received.find(mailTo('Your appointment is booked'))?.raw)
        .to.include(`${dayAhead(3)} at 10:00 UTC`)
        .and.not.include('annual review');
      await eventually(async () => (await c.notifications(patientId)).some((n: { kind: string }) => n.kind === 'reminder'), 'the reminder');
      const reminderBefore = (await c.notifications(patientId)).find((n: { kind: string }) => n.kind === 'reminder');
      expect(reminderBefore).to.deep.include({ status: 'scheduled', dueAt: `${dayAhead(2)}T10:00:00.000Z` });

      const moved = await s.app.call('POST', `/appointments/${booked.body.appointmentId}/reschedule`, {
        token: c.desk,
        body: { start: `${dayAhead(4)}T11:00:00Z`, minutes: 30 },
      });
      expect(moved.status).to.equal(200);
      await eventually(() => s.inbox.received.some(mailTo('Your appointment has moved')), 'the update e-mail');
      await eventually(
        async () =>
          (await c.notifications(patientId)).find((n: { kind: string }) => n.kind === 'reminder')?.dueAt === `${dayAhead(3)}T11:00:00.000Z`,
        'the moved reminder',
      );

      await s.app.call('POST', `/patients/${patientId}/deactivate`, { token: c.desk, body: { reason: 'moved away' } });
      await eventually(() => s.inbox.received.some(mailTo('Your appointment is cancelled')), 'the cancellation e-mail');
      const all = await c.notifications(patientId);
      expect(all.find((n: { kind: string }) => n.kind === 'reminder').status).to.equal('cancelled');
      expect(
        all
          .filter((n: { status: string }) => n.status === 'delivered')
          .map((n: { kind: string }) => n.kind)
          .sort(),
      ).to.deep.equal(['cancellation', 'confirmation', 'update']);
    });
  });

  describe('over SMS, when the provider is down', () => {
    const dir = tempDir();
    let app: RunningApp;
    let sms: Awaited<ReturnType<typeof startSmsProvider>>;
    before(async () => {
      sms = await startSmsProvider();
      app = await startApp(dir.path, {
        HCMS_SMS_URL: sms.url,
        HCMS_SMS_TOKEN: 'sms-token',
        HCMS_DISPATCH_INTERVAL_MS: '50',
        HCMS_DELIVERY_ATTEMPTS: '3',
        HCMS_RETRY_DELAY_SECONDS: '0',
      });
    });
    after(async () => {
      await app.stop();
      await sms.stop();
      dir.remove();
    });

    it('retries, then fails visibly, then delivers once the provider is back and an operator retries', async () => {
      const c = await clinic(app);
      const patientId = await c.patient('Texter', { phone: '+441632960961' }, 'sms');
      sms.state.failing = true;
      await c.book(patientId, `${dayAhead(5)}T09:00:00Z`);
      const failed = async () => (await app.call('GET', '/notifications/failed', { token: c.admin })).body.items;
      await eventually(
        async () => (await failed()).some((n: { patientId: string }) => n.patientId === patientId),
        'the failed confirmation',
      );
      const confirmation = (await failed()).find((n: { patientId: string }) => n.patientId === patientId);
      expect(confirmation).to.deep.include({ kind: 'confirmation', attempts: 3, lastError: 'SMS provider answered 503' });
      expect(sms.state.calls).to.equal(3);

      sms.state.failing = false;
      const retried = await app.call('POST', `/notifications/${confirmation.notificationId}/retry`, { token: c.admin });
      expect(retried.status).to.equal(200);
      await eventually(
        () => sms.received.some((m) => m.to === '+441632960961' && m.body.startsWith('Your appointment is booked')),
        'the SMS',
      );
      await eventually(
        async () => (await c.notifications(patientId)).find((n: { kind: string }) => n.kind === 'confirmation').status === 'delivered',
        'delivered',
      );
      expect(sms.received[0]?.authorization).to.equal('Bearer sms-token');
    });
  });

  describe('across a restart', () => {
    const dir = tempDir();
    after(() => dir.remove());

    it('still sends exactly one reminder when the platform restarts between scheduling and the due time', async () => {
      const start = `${dayAhead(6)}T12:00:00Z`;
      const lead = Math.round((Date.parse(start) - Date.now()) / 1000) - 4; // the reminder falls due ~4 s after booking
      const env = { HCMS_REMINDER_LEAD_SECONDS: String(lead), HCMS_DISPATCH_INTERVAL_MS: '50' };
      const first = await startApp(dir.path, env);
      const c = await clinic(first);
      const patientId = await c.patient('Restart', { email: 'restart@example.org' }, 'email');
      const booked = await c.book(patientId, start);
      await eventually(
        async () => (await c.notifications(patientId)).some((n: { kind: string }) => n.kind === 'reminder'),
        'the scheduled reminder',
      );
      await first.stop();

      const second = await startApp(dir.path, env);
      try {
        const admin = await second.token('admin');
        const reminders = async () =>
          (await second.call('GET', '/notifications/outbox', { token: admin })).body.items.filter(
            (m: { notificationId: string }) => m.notificationId === `reminder-${booked.body.appointmentId}`,
          );
        await eventually(async () => (await reminders()).length > 0, 'the reminder after the restart', 20_000);
        await new Promise((r) => setTimeout(r, 500));
        expect(await reminders()).to.have.length(1);
      } finally {
        await second.stop();
      }
    });
  });

  describe('after the reminder went out', () => {
    const dir = tempDir();
    after(() => dir.remove());

    it('sends a new reminder for the new time when the appointment is moved', async () => {
      const start = `${dayAhead(6)}T12:00:00Z`;
      const moveTo = `${dayAhead(7)}T12:00:00Z`;
      // The lead is configuration: the first run makes the first reminder due at once, the second
      // run makes the moved one due shortly after the move.
      const first = await startApp(dir.path, { HCMS_REMINDER_LEAD_SECONDS: leadFor(start, 2), HCMS_DISPATCH_INTERVAL_MS: '50' });
      const c = await clinic(first);
      const patientId = await c.patient('Moved', { email: 'moved@example.org' }, 'email');
      const booked = await c.book(patientId, start);
      expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
      const remindersIn = async (app: RunningApp) =>
        (await app.call('GET', '/notifications/outbox', { token: await app.token('admin') })).body.items
          .filter((m: { notificationId: string }) => m.notificationId === `reminder-${booked.body.appointmentId}`)
          .map((m: { body: string }) => m.body)
          .sort();
      await eventually(async () => (await remindersIn(first)).length === 1, 'the first reminder', 20_000);
      await first.stop();

      const second = await startApp(dir.path, { HCMS_REMINDER_LEAD_SECONDS: leadFor(moveTo, 8), HCMS_DISPATCH_INTERVAL_MS: '50' });
      try {
        const moved = await second.call('POST', `/appointments/${booked.body.appointmentId}/reschedule`, {
          token: await second.token('receptionist', 'desk-2'),
          body: { start: moveTo, minutes: 30 },
        });
        expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
        await eventually(async () => (await remindersIn(second)).length === 2, 'the reminder for the new time', 30_000);
        expect(await remindersIn(second)).to.deep.equal([
          `Reminder: you have an appointment on ${dayAhead(6)} at 12:00 UTC.`,
          `Reminder: you have an appointment on ${dayAhead(7)} at 12:00 UTC.`,
        ]);
        const admin = await second.token('admin');
        const reminder = (await second.call('GET', `/patients/${patientId}/notifications`, { token: admin })).body.items.find(
          (n: { kind: string }) => n.kind === 'reminder',
        );
        expect(reminder.status).to.equal('delivered');
        expect(reminder.history.map((h: { status: string }) => h.status)).to.deep.equal([
          'scheduled',
          'sent',
          'delivered',
          'scheduled',
          'sent',
          'delivered',
        ]);
      } finally {
        await second.stop();
      }
    });
  });

  describe('for a patient who died', () => {
    const s = platformMailingTo();

    it('sends nothing more: no reminder, and no notice that the appointment was cancelled', async () => {
      const c = await clinic(s.app);
      const patientId = await c.patient('Late', { email: 'late@example.org' }, 'email');
      await c.book(patientId, `${dayAhead(3)}T09:00:00Z`);
      await eventually(() => s.inbox.received.length === 1, 'the confirmation e-mail');

      const died = await s.app.call('POST', `/patients/${patientId}/death`, {
        token: c.admin,
        body: { dateOfDeath: new Date().toISOString().slice(0, 10) },
      });
      expect(died.status, JSON.stringify(died.body)).to.equal(200);
      await eventually(
        async () => (await c.notifications(patientId)).find((n: { kind: string }) => n.kind === 'reminder')?.status === 'cancelled',
        'the reminder cancelled with the appointment',
        20_000,
      );
      await c.settled();
      expect((await c.notifications(patientId)).map((n: { kind: string }) => n.kind).sort()).to.deep.equal(['confirmation', 'reminder']);
      expect(s.inbox.received).to.have.length(1);
    });
  });
});
