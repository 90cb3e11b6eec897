import type { Channel, ConsumeMessage } from 'amqplib';
import type { StoredEvent } from '@hcms/shared-kernel';
import type { Logger } from '../../system/logger.js';
import type { LogFilter } from '../log-filter.js';
import { BatchedAcks } from './batched-acks.js';
import { decodeEvent, logOf } from './message-codec.js';

export interface GroupSpec {
  readonly group: string;
  readonly queue: string;
  readonly handler: (event: StoredEvent) => Promise<void>;
  readonly maxAttempts: number;
  readonly retryDelayMs: number;
}

export type DeadLetterSink = (message: ConsumeMessage, group: string, error: string, attempts: number) => Promise<void>;

/**
 * Handles one group's deliveries strictly one after another, in delivery order. A failing message
 * is retried here, with backoff, so the ones behind it wait instead of overtaking it; after the
 * last attempt it goes to the dead-letter queue and only then is acked. A message of another event
 * log is acked unhandled (see LogFilter). Acks go in batches (see BatchedAcks): subscriptions use
 * the bus only as a doorbell, and one ack per ring was most of the consumer's broker traffic.
 */
export class GroupConsumer {
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private consumerTag?: string;
  /** Set in `start`, before the first delivery. */
  private acks!: BatchedAcks;

  constructor(
    private readonly spec: GroupSpec,
    private readonly channel: Channel,
    private readonly deadLetter: DeadLetterSink,
    private readonly logs: LogFilter,
    private readonly log: Logger,
  ) {}

  async start(prefetch: number): Promise<void> {
    const lost = () => this.log.warn({ group: this.spec.group }, 'ack lost with its channel; the messages will be redelivered');
    this.acks = new BatchedAcks(this.channel, Math.max(1, Math.floor(prefetch / 2)), lost);
    await this.channel.prefetch(prefetch);
    const { consumerTag } = await this.channel.consume(this.spec.queue, (message) => {
      if (message) this.chain = this.chain.then(() => this.handle(message));
    });
    this.consumerTag = consumerTag;
  }

  /** Stop taking messages without waiting: after a lost connection the broker redelivers them. */
  abandon(): void {
    this.stopped = true;
    this.acks.forget();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.consumerTag) await this.channel.cancel(this.consumerTag).catch(() => undefined);
    await this.chain;
    this.acks.flush();
  }

  private async handle(message: ConsumeMessage): Promise<void> {
    if (this.stopped) return; // unacked: the broker redelivers it to the next consumer
    if (await this.logs.foreign(this.spec.group, logOf(message))) return this.acks.settled(message);
    let event: StoredEvent;
    try {
      event = decodeEvent(message);
    } catch (error) {
      return this.bury(message, error, 1);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.spec.handler(event);
        return this.acks.settled(message);
      } catch (error) {
        if (this.stopped) return;
        if (attempt >= this.spec.maxAttempts) return this.bury(message, error, attempt);
        this.log.warn(
          { group: this.spec.group, eventId: event.id, attempt, err: { message: errorText(error) } },
          'handler failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, this.spec.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  private async bury(message: ConsumeMessage, error: unknown, attempts: number): Promise<void> {
    try {
      await this.deadLetter(message, this.spec.group, errorText(error), attempts);
      this.acks.settled(message);
      this.log.error({ group: this.spec.group, messageId: message.properties.messageId, attempts }, 'message dead-lettered');
    } catch (sinkError) {
      // Not acked: the broker redelivers it later, nothing is dropped.
      this.acks.leave();
      this.log.error({ group: this.spec.group, err: { message: errorText(sinkError) } }, 'could not dead-letter a message');
    }
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
