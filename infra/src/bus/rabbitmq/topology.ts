import type { Channel } from 'amqplib';

/** Every event, routing key `<context>.<EventType>` (the event's wire type). */
export const EVENTS_EXCHANGE = 'hcms.events';
/** Messages that exhausted their retries, from every group; headers say which and why. */
export const DEAD_LETTERS_QUEUE = 'hcms.dead-letters';

export const groupQueue = (group: string): string => `hcms.group.${group}`;

export const declareExchange = async (ch: Channel): Promise<void> => {
  await ch.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  // Classic, so browsing (get, then close to requeue) keeps the order operators see.
  await ch.assertQueue(DEAD_LETTERS_QUEUE, { durable: true, arguments: { 'x-queue-type': 'classic' } });
};

/**
 * One durable quorum queue per consumer group. Single active consumer: replicas of a projector
 * stand by, one consumes, so the group sees events in publish order (ADR 004).
 */
export const declareGroup = async (ch: Channel, group: string, topics: readonly string[]): Promise<string> => {
  const queue = groupQueue(group);
  await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-single-active-consumer': true } });
  for (const topic of topics) await ch.bindQueue(queue, EVENTS_EXCHANGE, topic);
  return queue;
};
