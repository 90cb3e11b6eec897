import type { NotificationChannel, OutgoingMessage } from '@hcms/notifications';

/** SMS through a provider's HTTP API: POST {to, body, reference} with a bearer token; 2xx is accepted. */
export class SmsHttpChannel implements NotificationChannel {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutgoingMessage) {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.to, body: message.body, reference: message.notificationId }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
    const answer = (await response.json().catch(() => ({}))) as { id?: unknown; status?: unknown };
    return { reference: typeof answer.id === 'string' ? answer.id : '', delivered: answer.status === 'delivered' };
  }
}
