import nodemailer from 'nodemailer';
import type { NotificationChannel, OutgoingMessage } from '@hcms/notifications';

/** E-mail over SMTP (nodemailer): accepted by the server counts as delivered to the patient's mailbox provider. */
export class SmtpChannel implements NotificationChannel {
  private readonly transport;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutgoingMessage) {
    const info = await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.body });
    return { reference: String(info.messageId), delivered: info.accepted.length > 0 };
  }
}
