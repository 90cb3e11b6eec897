import nodemailer from 'nodemailer';
import type { Accepted, NotificationChannel, OutgoingMessage } from '@hcms/notifications';

/** Bounded so a send ends well within a dispatcher's claim (nodemailer waits up to 10 minutes by default). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * A Message-ID derived from the idempotency key: SMTP cannot be asked what it already took, so a
 * message sent again after a dispatcher died carries the same id, by which mail clients merge it.
 */
export const messageIdFor = (idempotencyKey: string, from: string): string => {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'hcms.invalid';
  return `<${idempotencyKey.replace(/[^A-Za-z0-9-]/g, '.')}@${domain}>`;
};

/** E-mail over SMTP (nodemailer): accepted by the server counts as delivered to the patient's mailbox provider. */
export class SmtpChannel implements NotificationChannel {
  private readonly transport;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport({ url, ...TIMEOUTS });
  }

  async send(message: OutgoingMessage): Promise<Accepted> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.body,
      messageId: messageIdFor(message.idempotencyKey, this.from),
    });
    return { reference: String(info.messageId), delivered: info.accepted.length > 0 };
  }
}
