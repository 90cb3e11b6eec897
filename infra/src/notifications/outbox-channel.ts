import { randomUUID } from 'node:crypto';
import type { NotificationChannel, OutgoingMessage } from '@hcms/notifications';
import type { DocumentCollection, ReadStore } from '@hcms/shared-kernel';

export const OUTBOX = 'notifications-outbox';

export interface OutboxEntry extends OutgoingMessage {
  readonly at: string;
}

/** The embedded default: messages are kept to be read at GET /notifications/outbox, not sent. */
export class OutboxChannel implements NotificationChannel {
  constructor(private readonly readStore: ReadStore) {}

  private outbox(): Promise<DocumentCollection<OutboxEntry>> {
    return this.readStore.collection<OutboxEntry>(OUTBOX, [{ fields: ['notificationId'] }]);
  }

  async send(message: OutgoingMessage) {
    const id = randomUUID();
    await (await this.outbox()).put(id, { ...message, at: new Date().toISOString() }, 1);
    return { reference: `outbox:${id}`, delivered: true };
  }

  async entries(limit = 200): Promise<readonly OutboxEntry[]> {
    return (await (await this.outbox()).find({ sort: { field: 'at', direction: 'desc' }, limit })).items.map((i) => i.doc);
  }
}
