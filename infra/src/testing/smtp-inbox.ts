import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly raw: string;
  /** As the sender set it; a real server does not merge repeats, so neither does this one. */
  readonly messageId?: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
export const startSmtpInbox = async (): Promise<{ url: string; received: ReceivedMail[]; stop(): Promise<void> }> => {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>]*>)/im.exec(raw)?.[1];
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...(messageId ? { messageId } : {}) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};
