import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Message, type RecoveringChannelModel } from 'amqplib';
import {
  matchesFilter,
  type ConsumeOptions,
  type Consumer,
  type DeadLetter,
  type DeadLetterFilter,
  type ForeignMessages,
  type MessageBus,
  type StoredEvent,
} from '@hcms/shared-kernel';
import type { Logger } from '../../system/logger.js';
import { LogFilter } from '../log-filter.js';
import { Announcements } from './announcements.js';
import { ProcessDoorbell } from './process-doorbell.js';
import { GroupConsumer, type GroupSpec } from './group-consumer.js';
import { deadLetterHeaders, encodeEvent, toDeadLetter } from './message-codec.js';
import { PublishGuard, settleWithin } from './publish-guard.js';
import { Topology } from './topology.js';

export interface RabbitMqOptions {
  /** Prefix of every exchange and queue name (default `hcms`). */
  readonly prefix?: string;
  readonly prefetch?: number;
  readonly retryDelayMs?: number;
  /** Longest wait for the broker within one publish: buffer room, confirms (default 30 s). */
  readonly publishTimeoutMs?: number;
  /**
   * The id of the event log this process follows (`() => store.logId()`): every message published
   * is stamped with it, and consumed messages of another log are dropped and counted. Without it,
   * nothing is stamped and every message is taken.
   */
  readonly logId?: () => Promise<string | undefined>;
  /**
   * Keep Nagle's algorithm on the connection: a process that mostly publishes in bulk (the relay)
   * sends fewer, fuller packets. Off by default: elsewhere each small frame (an announcement, a
   * doorbell's ack) must go out at once, not wait for the broker's delayed ACK (~25 ms a hop).
   */
  readonly coalesceWrites?: boolean;
}

interface Registration {
  readonly spec: GroupSpec;
  readonly topics: readonly string[];
  consumer?: GroupConsumer;
}

/**
 * The bus over RabbitMQ: a durable topic exchange, a quorum queue per consumer group, publisher
 * confirms, manual acks. The connection recovers by itself (amqplib's recovery); after every
 * (re)connect the topology and the consumers are set up again, and unacked messages come back.
 */
export class RabbitMqBus implements MessageBus {
  private publisher?: ConfirmChannel;
  /** The publisher channel closed by itself (a channel error), not with the connection. */
  private publisherDied = false;
  private reopening: Promise<ConfirmChannel> | undefined;
  private readonly registrations = new Map<string, Registration>();
  private connection?: RecoveringChannelModel;
  private readonly names: Topology;
  private readonly logs: LogFilter;
  private readonly announcements: Announcements;
  private readonly doorbells: ProcessDoorbell;

  private constructor(
    private readonly log: Logger,
    private readonly options: RabbitMqOptions,
  ) {
    this.names = new Topology(options.prefix);
    this.logs = new LogFilter(options.logId, log);
    this.announcements = new Announcements(this.names, this.logs, log);
    this.doorbells = new ProcessDoorbell(this.names, this.logs, log);
  }

  static async connect(url: string, log: Logger, options: RabbitMqOptions = {}): Promise<RabbitMqBus> {
    const bus = new RabbitMqBus(log, options);
    const connection = await amqp.connect(url, {
      noDelay: options.coalesceWrites !== true,
      recovery: {
        initialDelay: 100,
        maxDelay: 5000,
        maxRetries: Infinity,
        initialMaxRetries: 20,
        setup: (model: ChannelModel) => bus.setup(model),
      },
    });
    connection.on('disconnect', (error?: Error) => {
      bus.publisher = undefined;
      bus.doorbells.disconnected();
      bus.announcements.disconnected();
      log.warn({ err: error }, 'lost the broker; reconnecting');
    });
    connection.on('error', (error: Error) => log.warn({ err: error }, 'broker connection error'));
    bus.connection = connection;
    return bus;
  }

  private async setup(model: ChannelModel): Promise<void> {
    const publisher = await model.createConfirmChannel();
    publisher.on('error', (error: Error) => this.log.warn({ err: error }, 'publisher channel error'));
    await this.names.declareExchange(publisher);
    for (const registration of this.registrations.values()) await this.startConsumer(model, registration);
    await this.doorbells.setup(model);
    await this.announcements.setup(model);
    this.publisher = publisher;
    this.log.info({ groups: [...this.registrations.keys()] }, 'connected to the broker');
  }

  private async startConsumer(model: Pick<ChannelModel, 'createChannel'>, registration: Registration): Promise<void> {
    registration.consumer?.abandon(); // its channel died with the old connection
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.log.warn({ err: error }, 'consumer channel error'));
    await this.names.declareGroup(channel, registration.spec.group, registration.topics);
    registration.consumer = new GroupConsumer(registration.spec, channel, (m, g, e, a) => this.bury(m, g, e, a), this.logs, this.log);
    await registration.consumer.start(this.options.prefetch ?? 64);
  }

  /**
   * A subscription that now rings the process's doorbell may have left a queue of its own behind:
   * a durable group queue, still bound and filling up, or a doorbell queue of its own. Deleted on a
   * channel of their own, which a broker error may close.
   */
  private async retireOwnQueues(model: Pick<ChannelModel, 'createChannel'>, name: string): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    await channel.deleteQueue(this.names.groupQueue(name)).catch(() => undefined);
    await channel.deleteQueue(this.names.doorbellQueue(name)).catch(() => undefined);
    await channel.close().catch(() => undefined);
  }

  private requirePublisher(): ConfirmChannel {
    if (!this.publisher) throw new Error('not connected to the broker');
    return this.publisher;
  }

  /**
   * Resolves once the broker confirmed every event; rejects, never hangs, when the channel dies
   * or the broker stops answering, so the caller can retry on the channel that replaces it.
   */
  async publish(events: readonly StoredEvent[]): Promise<void> {
    const logId = await this.logs.stamp();
    const channel = await this.publishingChannel();
    const guard = new PublishGuard(channel, this.publishTimeoutMs);
    try {
      for (const event of events) {
        const { content, options } = encodeEvent(event, logId);
        // Throws at once on a channel that has closed since the last publish.
        if (!channel.publish(this.names.exchange, event.type, content, options)) await guard.drained();
      }
      await guard.within(channel.waitForConfirms(), 'confirms');
    } catch (error) {
      if (guard.broken || (error instanceof Error && error.name === 'IllegalOperationError')) this.retirePublisher(channel);
      throw error;
    } finally {
      guard.dispose();
    }
  }

  private get publishTimeoutMs(): number {
    return this.options.publishTimeoutMs ?? 30_000;
  }

  /** The publisher; a fresh one when the last died on its own while the connection lived on. */
  private async publishingChannel(): Promise<ConfirmChannel> {
    if (this.publisher) return this.publisher;
    // Without a channel error to recover from, we are between connections: recovery's setup
    // brings the next publisher, and failing fast lets the caller back off meanwhile.
    if (!this.publisherDied) throw new Error('not connected to the broker');
    return this.reopenPublisher();
  }

  private retirePublisher(channel: ConfirmChannel): void {
    if (this.publisher !== channel) return; // a reconnect replaced it already
    this.publisher = undefined;
    this.publisherDied = true;
    // On a stalled link the close may never finish; nothing waits for it.
    void channel.close().catch(() => undefined);
    void this.reopenPublisher().catch((error: unknown) => this.log.warn({ err: error }, 'could not reopen the publisher channel'));
  }

  private reopenPublisher(): Promise<ConfirmChannel> {
    this.reopening ??= this.openPublisher().finally(() => (this.reopening = undefined));
    return this.reopening;
  }

  private async openPublisher(): Promise<ConfirmChannel> {
    if (!this.connection) throw new Error('not connected to the broker');
    const opening = this.connection.createConfirmChannel(); // waits while reconnecting
    let channel: ConfirmChannel;
    try {
      channel = await settleWithin(opening, this.publishTimeoutMs, 'publisher channel');
    } catch (error) {
      void opening.then((late) => late.close()).catch(() => undefined);
      throw error;
    }
    channel.on('error', (error: Error) => this.log.warn({ err: error }, 'publisher channel error'));
    try {
      // The channel may have died of a missing exchange.
      await settleWithin(this.names.declareExchange(channel), this.publishTimeoutMs, 'exchange declaration');
    } catch (error) {
      void channel.close().catch(() => undefined);
      throw error;
    }
    if (this.publisher) {
      void channel.close().catch(() => undefined); // a reconnect's setup got there first
      return this.publisher;
    }
    this.publisher = channel;
    this.publisherDied = false;
    this.log.info({}, 'reopened the publisher channel');
    return channel;
  }

  async consume(group: string, handler: (event: StoredEvent) => Promise<void>, options: ConsumeOptions = {}): Promise<Consumer> {
    if (this.registrations.has(group)) throw new Error(`consumer group ${group} already has a consumer in this process`);
    const registration: Registration = {
      topics: options.topics ?? ['#'],
      spec: {
        group,
        queue: this.names.groupQueue(group),
        handler,
        maxAttempts: options.maxAttempts ?? 5,
        retryDelayMs: this.options.retryDelayMs ?? 200,
      },
    };
    this.registrations.set(group, registration);
    if (this.connection) await this.startConsumer(this.connection, registration);
    return {
      stop: async () => {
        this.registrations.delete(group);
        await registration.consumer?.stop();
      },
    };
  }

  private async bury(message: ConsumeMessage, group: string, error: string, attempts: number): Promise<void> {
    const channel = this.requirePublisher();
    channel.sendToQueue(this.names.deadLetters, message.content, {
      ...message.properties,
      persistent: true,
      headers: { ...(message.properties.headers as Record<string, unknown>), ...deadLetterHeaders(group, error, attempts, new Date()) },
    });
    await channel.waitForConfirms();
  }

  async doorbell(name: string, topics: readonly string[], ring: () => void): Promise<Consumer> {
    const bell = await this.doorbells.add(this.connection, name, topics, ring);
    // Housekeeping, in the background: a start must not wait for a broker that is away.
    if (this.connection) void this.retireOwnQueues(this.connection, name).catch(() => undefined);
    return bell;
  }

  announce(subject: string, body: unknown): Promise<void> {
    return this.announcements.announce(subject, body);
  }

  listen(subject: string, handler: (body: unknown) => void): Promise<Consumer> {
    return this.announcements.listen(this.connection, subject, handler);
  }

  /** Messages of another event log this bus dropped unhandled (only with the `logId` option). */
  foreignMessages(): ForeignMessages {
    return this.logs.counts;
  }

  /** Browse the dead-letter queue: take every message unacked, then close to give them back. */
  async deadLetters(): Promise<readonly DeadLetter[]> {
    return this.browseDeadLetters(() => false);
  }

  async replayDeadLetters(filter: DeadLetterFilter = {}): Promise<number> {
    let replayed = 0;
    await this.browseDeadLetters(
      (letter) => matchesFilter(letter, filter),
      async (letter, message) => {
        const channel = this.requirePublisher();
        const {
          'x-hcms-group': _g,
          'x-hcms-error': _e,
          'x-hcms-attempts': _a,
          'x-hcms-failed-at': _f,
          ...headers
        } = (message.properties.headers ?? {}) as Record<string, unknown>;
        channel.sendToQueue(this.names.groupQueue(letter.group), message.content, { ...message.properties, headers });
        await channel.waitForConfirms();
        replayed++;
      },
    );
    return replayed;
  }

  private async browseDeadLetters(
    take: (letter: DeadLetter) => boolean,
    onTaken?: (letter: DeadLetter, message: Message) => Promise<void>,
  ): Promise<DeadLetter[]> {
    if (!this.connection) throw new Error('not connected to the broker');
    const channel = await this.connection.createChannel();
    const seen: DeadLetter[] = [];
    try {
      for (;;) {
        const message = await channel.get(this.names.deadLetters, { noAck: false });
        if (message === false) break;
        const letter = toDeadLetter(message);
        if (take(letter) && onTaken) {
          await onTaken(letter, message);
          channel.ack(message);
        } else seen.push(letter);
      }
    } finally {
      await channel.close(); // everything not acked goes back to the queue, in order
    }
    return seen;
  }

  /** Retire a consumer group: its queue and whatever is still in it are deleted. */
  async deleteGroup(group: string): Promise<void> {
    await this.registrations.get(group)?.consumer?.stop();
    this.registrations.delete(group);
    await this.requirePublisher().deleteQueue(this.names.groupQueue(group));
    await this.requirePublisher().deleteQueue(this.names.doorbellQueue(group));
  }

  /** Remove every queue and the exchange under this bus's prefix (test runs, retired platforms). */
  async deleteAll(groups: readonly string[]): Promise<void> {
    const channel = this.requirePublisher();
    for (const group of groups) {
      await channel.deleteQueue(this.names.groupQueue(group));
      await channel.deleteQueue(this.names.doorbellQueue(group));
    }
    await channel.deleteQueue(this.names.deadLetters);
    await channel.deleteExchange(this.names.exchange);
    await channel.deleteExchange(this.names.announcements);
  }

  async close(): Promise<void> {
    for (const registration of this.registrations.values()) await registration.consumer?.stop();
    this.registrations.clear();
    await this.connection?.close().catch(() => undefined);
  }
}
