import type { Accepted, NotificationChannel, OutgoingMessage } from '@hcms/notifications';

const accepted = async (response: Response): Promise<Accepted> => {
  const answer = (await response.json().catch(() => ({}))) as { id?: unknown; status?: unknown };
  return { reference: typeof answer.id === 'string' ? answer.id : '', delivered: answer.status === 'delivered' };
};

/**
 * SMS through a provider's HTTP API, with a bearer token: `POST {to, body, reference}` (2xx is
 * accepted; the provider keeps one message per reference) and `GET <url>/<reference>` (404 when
 * it has none). The reference is the idempotency key.
 */
export class SmsHttpChannel implements NotificationChannel {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private call(url: string, init: RequestInit = {}): Promise<Response> {
    return fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  async send(message: OutgoingMessage): Promise<Accepted> {
    const response = await this.call(this.url, {
      method: 'POST',
      body: JSON.stringify({ to: message.to, body: message.body, reference: message.idempotencyKey }),
    });
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
    return accepted(response);
  }

  async lookup({ idempotencyKey }: Pick<OutgoingMessage, 'idempotencyKey'>): Promise<Accepted | undefined> {
    const response = await this.call(`${this.url}/${encodeURIComponent(idempotencyKey)}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
    return accepted(response);
  }
}
