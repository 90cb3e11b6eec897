import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  readonly to: string;
  readonly body: string;
  readonly authorization: string;
  readonly reference?: string;
}

/**
 * A real HTTP server playing an SMS provider; `failing` makes it answer 503 until set back. Like
 * providers with idempotent references, it keeps one message per reference (a repeat gets the
 * first answer) and answers `GET /messages/<reference>` with it, or 404.
 */
export const startSmsProvider = async () => {
  const received: ReceivedSms[] = [];
  const byReference = new Map<string, string>();
  const state = { failing: false, calls: 0 };
  const answer = (id: string) => JSON.stringify({ id, status: 'delivered' });
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      state.calls++;
      if (state.failing) {
        res.writeHead(503).end('{"error":"maintenance"}');
        return;
      }
      if (req.method === 'GET') {
        const id = byReference.get(decodeURIComponent((req.url ?? '').slice('/messages/'.length)));
        if (id) res.writeHead(200, { 'content-type': 'application/json' }).end(answer(id));
        else res.writeHead(404).end('{"error":"unknown reference"}');
        return;
      }
      const { to, body, reference } = JSON.parse(raw) as { to: string; body: string; reference?: string };
      const known = reference === undefined ? undefined : byReference.get(reference);
      if (known) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer(known));
        return;
      }
      received.push({ to, body, authorization: req.headers.authorization ?? '', ...(reference === undefined ? {} : { reference }) });
      const id = `sms-${received.length}`;
      if (reference !== undefined) byReference.set(reference, id);
      res.writeHead(202, { 'content-type': 'application/json' }).end(answer(id));
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
