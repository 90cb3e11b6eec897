import type { Accepted, NotificationChannel, OutgoingMessage } from '@hcms/notifications';
import type { DocumentCollection, ReadStore } from '@hcms/shared-kernel';

export const OUTBOX = 'notifications-outbox';
export const OUTBOX_INDEXES = [{ fields: ['notificationId'] }, { fields: ['at'] }];

export interface OutboxEntry extends OutgoingMessage {
  readonly at: string;
}

/** The embedded default: messages are kept to be read at GET /notifications/outbox, not sent. */
export class OutboxChannel implements NotificationChannel {
  constructor(private readonly readStore: ReadStore) {}

  private outbox(): Promise<DocumentCollection<OutboxEntry>> {
    return this.readStore.collection<OutboxEntry>(OUTBOX, OUTBOX_INDEXES);
  }

  /** Keyed by the idempotency key at version 1: the same message put twice is kept once. */
  async send(message: OutgoingMessage): Promise<Accepted> {
    await (await this.outbox()).put(message.idempotencyKey, { ...message, at: new Date().toISOString() }, 1);
    return { reference: `outbox:${message.idempotencyKey}`, delivered: true };
  }

  async lookup({ idempotencyKey }: Pick<OutgoingMessage, 'idempotencyKey'>): Promise<Accepted | undefined> {
    return (await (await this.outbox()).get(idempotencyKey)) ? { reference: `outbox:${idempotencyKey}`, delivered: true } : undefined;
  }

  async entries(limit = 200): Promise<readonly OutboxEntry[]> {
    return (await (await this.outbox()).find({ sort: { field: 'at', direction: 'desc' }, limit })).items.map((i) => i.doc);
  }
}
