import type { Message, Options } from 'amqplib';
import { StoredEventCodec, decodeOrThrow, type DeadLetter, type StoredEvent } from '@hcms/shared-kernel';

/** Names the log a message's event (and its position) belongs to. */
const LOG_HEADER = 'x-hcms-log';

export const encodeEvent = (event: StoredEvent, logId?: string): { content: Buffer; options: Options.Publish } => ({
  content: Buffer.from(JSON.stringify(event)),
  options: {
    persistent: true,
    messageId: event.id,
    contentType: 'application/json',
    type: event.type,
    headers: {
      stream: event.streamId,
      version: event.version,
      position: event.position,
      ...(logId === undefined ? {} : { [LOG_HEADER]: logId }),
    },
  },
});

/** Fleeting: kept in memory by the broker, and only until its listeners take it. */
export const encodeAnnouncement = (body: unknown, logId?: string): { content: Buffer; options: Options.Publish } => ({
  content: Buffer.from(JSON.stringify(body)),
  options: { persistent: false, contentType: 'application/json', headers: logId === undefined ? {} : { [LOG_HEADER]: logId } },
});

/** Undefined for a message published before logs had ids. */
export const logOf = (message: Message): string | undefined => {
  const logId: unknown = message.properties.headers?.[LOG_HEADER];
  return typeof logId === 'string' ? logId : undefined;
};

/** Messages are checked like any input: a malformed one is a fault of its publisher. */
export const decodeEvent = (message: Message): StoredEvent =>
  decodeOrThrow(
    StoredEventCodec,
    JSON.parse(message.content.toString('utf8')) as unknown,
    `message ${String(message.properties.messageId)}`,
  );

export const deadLetterHeaders = (group: string, error: string, attempts: number, at: Date) => ({
  'x-hcms-group': group,
  'x-hcms-error': error.slice(0, 500),
  'x-hcms-attempts': attempts,
  'x-hcms-failed-at': at.toISOString(),
});

export const toDeadLetter = (message: Message): DeadLetter => {
  const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
  return {
    group: String(headers['x-hcms-group']),
    error: String(headers['x-hcms-error']),
    attempts: Number(headers['x-hcms-attempts']),
    failedAt: String(headers['x-hcms-failed-at']),
    event: JSON.parse(message.content.toString('utf8')) as StoredEvent,
  };
};
