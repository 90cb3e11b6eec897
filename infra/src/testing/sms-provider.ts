import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  readonly to: string;
  readonly body: string;
  readonly authorization: string;
}

/** A real HTTP server playing an SMS provider; `failing` makes it answer 503 until set back. */
export const startSmsProvider = async () => {
  const received: ReceivedSms[] = [];
  const state = { failing: false, calls: 0 };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      state.calls++;
      if (state.failing) {
        res.writeHead(503).end('{"error":"maintenance"}');
        return;
      }
      const { to, body } = JSON.parse(raw) as { to: string; body: string };
      received.push({ to, body, authorization: req.headers.authorization ?? '' });
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${received.length}`, status: 'delivered' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    received,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
