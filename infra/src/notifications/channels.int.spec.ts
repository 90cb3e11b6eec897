import { expect } from 'chai';
import { startSmsProvider } from '../testing/sms-provider.js';
import { startSmtpInbox } from '../testing/smtp-inbox.js';
import { SmsHttpChannel } from './sms-http-channel.js';
import { SmtpChannel } from './smtp-channel.js';

const message = {
  notificationId: 'reminder-a1',
  subject: 'Appointment reminder',
  body: 'Reminder: you have an appointment on 2026-12-07 at 15:00 UTC.',
  idempotencyKey: 'reminder-a1:1',
};

describe('Notification channels against real servers', function () {
  this.timeout(20_000);

  it('sends e-mail over SMTP to the recipient, with the subject, the text and a Message-ID from the key', async () => {
    const inbox = await startSmtpInbox();
    try {
      const channel = new SmtpChannel(inbox.url, 'Clinic <no-reply@clinic.test>');
      const result = await channel.send({ ...message, channel: 'email', to: 'ada@example.org' });
      expect(result).to.deep.equal({ reference: '<reminder-a1.1@clinic.test>', delivered: true });
      expect(inbox.received).to.have.length(1);
      expect(inbox.received[0]?.to).to.deep.equal(['ada@example.org']);
      expect(inbox.received[0]?.raw).to.include('Subject: Appointment reminder').and.include('2026-12-07 at 15:00 UTC');
      await channel.send({ ...message, channel: 'email', to: 'ada@example.org' });
      await channel.send({ ...message, channel: 'email', to: 'ada@example.org', idempotencyKey: 'reminder-a1:2' });
      expect(inbox.received.map((m) => m.messageId)).to.deep.equal([
        '<reminder-a1.1@clinic.test>',
        '<reminder-a1.1@clinic.test>',
        '<reminder-a1.2@clinic.test>',
      ]);
    } finally {
      await inbox.stop();
    }
  });

  it('fails loudly when the SMTP server is unreachable', async () => {
    const inbox = await startSmtpInbox();
    await inbox.stop();
    const error = await new SmtpChannel(inbox.url, 'x@clinic.test')
      .send({ ...message, channel: 'email', to: 'ada@example.org' })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
  });

  it('sends SMS through the provider API with its token and the key as reference, and reports an outage as an error', async () => {
    const provider = await startSmsProvider();
    try {
      const channel = new SmsHttpChannel(provider.url, 'sms-secret');
      const result = await channel.send({ ...message, channel: 'sms', to: '+441632960961' });
      expect(result).to.deep.equal({ reference: 'sms-1', delivered: true });
      expect(provider.received[0]).to.deep.equal({
        to: '+441632960961',
        body: message.body,
        authorization: 'Bearer sms-secret',
        reference: 'reminder-a1:1',
      });
      provider.state.failing = true;
      const error = await channel.send({ ...message, channel: 'sms', to: '+441632960961' }).catch((e: unknown) => e);
      expect((error as Error).message).to.equal('SMS provider answered 503');
    } finally {
      await provider.stop();
    }
  });

  it('sends one SMS per key however often asked, and tells what it has under a key', async () => {
    const provider = await startSmsProvider();
    try {
      const channel = new SmsHttpChannel(provider.url, 'sms-secret');
      expect(await channel.lookup({ idempotencyKey: 'reminder-a1:1' })).to.equal(undefined);
      const first = await channel.send({ ...message, channel: 'sms', to: '+441632960961' });
      const again = await channel.send({ ...message, channel: 'sms', to: '+441632960961' });
      expect(again).to.deep.equal(first);
      expect(provider.received).to.have.length(1);
      expect(await channel.lookup({ idempotencyKey: 'reminder-a1:1' })).to.deep.equal(first);
      await channel.send({ ...message, channel: 'sms', to: '+441632960961', idempotencyKey: 'reminder-a1:2' });
      expect(provider.received).to.have.length(2);
    } finally {
      await provider.stop();
    }
  });
});
