import type { Channel } from 'amqplib';

/**
 * Names on the broker, under a prefix (default `hcms`) so several platforms or test runs can
 * share one broker: `<prefix>.events` (topic exchange, routing key `<context>.<EventType>`),
 * `<prefix>.group.<group>` (a consumer group's queue), `<prefix>.dead-letters`.
 */
export class Topology {
  constructor(readonly prefix = 'hcms') {}

  get exchange(): string {
    return `${this.prefix}.events`;
  }

  /** Messages that exhausted their retries, from every group; headers say which and why. */
  get deadLetters(): string {
    return `${this.prefix}.dead-letters`;
  }

  /** Fleeting word between processes (read models' progress), routed by subject. */
  get announcements(): string {
    return `${this.prefix}.announcements`;
  }

  groupQueue(group: string): string {
    return `${this.prefix}.group.${group}`;
  }

  /** Where a subscription's doorbell once was, before a process's doorbells shared one queue. */
  doorbellQueue(group: string): string {
    return `${this.prefix}.doorbell.${group}`;
  }

  async declareExchange(ch: Channel): Promise<void> {
    await ch.assertExchange(this.exchange, 'topic', { durable: true });
    // Classic, so browsing (get, then close to requeue) keeps the order operators see.
    await ch.assertQueue(this.deadLetters, { durable: true, arguments: { 'x-queue-type': 'classic' } });
  }

  /** Not durable: nothing said on it outlives the broker, and listeners declare it again on reconnect. */
  async declareAnnouncements(ch: Channel): Promise<void> {
    await ch.assertExchange(this.announcements, 'direct', { durable: false });
  }

  /**
   * One durable quorum queue per consumer group. Single active consumer: replicas of a projector
   * stand by, one consumes, so the group sees events in publish order (ADR 004).
   */
  async declareGroup(ch: Channel, group: string, topics: readonly string[]): Promise<string> {
    const queue = this.groupQueue(group);
    await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-single-active-consumer': true } });
    for (const topic of topics) await ch.bindQueue(queue, this.exchange, topic);
    return queue;
  }
}
