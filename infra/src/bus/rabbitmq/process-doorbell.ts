import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { topicMatches, type Consumer } from '@hcms/shared-kernel';
import type { Logger } from '../../system/logger.js';
import { ConnectionEpoch } from './connection-epoch.js';
import type { LogFilter } from '../log-filter.js';
import { logOf } from './message-codec.js';
import type { Topology } from './topology.js';

/** At most one ring per this long: ~750 events/s otherwise cost each process 750 deliveries and acks. */
const RING_HOLD_MS = 5;

interface Bell {
  readonly topics: readonly string[];
  readonly ring: () => void;
}

/**
 * Every doorbell of one process behind one queue: a message of any doorbell's topics rings them all,
 * and is never decoded. The queue keeps only the latest message and goes away with
 * the connection. A follower reads the log itself, so a ring is only a hint; one queue per process
 * instead of one per subscription spares the broker a delivery and an ack per subscription per event.
 */
export class ProcessDoorbell {
  private readonly bells = new Map<string, Bell>();
  private channel?: Channel;
  private queue?: string;
  private readonly bound = new Set<string>();
  /** Opening and binding one after another: two doorbells added at once share one queue. */
  private steps: Promise<void> = Promise.resolve();
  private readonly epoch = new ConnectionEpoch();

  constructor(
    private readonly names: Topology,
    private readonly logs: LogFilter,
    private readonly log: Logger,
  ) {}

  /**
   * On each (re)connect: the queue again, if any doorbell is registered. Not queued behind `add`s:
   * one waiting for a channel waits for this very setup to finish.
   */
  async setup(model: Pick<ChannelModel, 'createChannel'>): Promise<void> {
    const generation = this.epoch.began();
    this.channel = undefined;
    if (this.bells.size > 0) await this.open(model, generation);
  }

  disconnected(): void {
    this.epoch.ended();
    this.channel = undefined;
  }

  async add(
    model: Pick<ChannelModel, 'createChannel'> | undefined,
    name: string,
    topics: readonly string[],
    ring: () => void,
  ): Promise<Consumer> {
    if (this.bells.has(name)) throw new Error(`doorbell ${name} already rings in this process`);
    this.bells.set(name, { topics, ring });
    try {
      await this.step(async () => {
        const generation = this.epoch.current;
        if (!model || generation === undefined) return; // the next setup opens the queue with this doorbell bound
        if (this.channel) await this.bind(this.channel, topics);
        else await this.open(model, generation);
      });
    } catch (error) {
      this.bells.delete(name);
      throw error;
    }
    return { stop: async () => void this.bells.delete(name) }; // its bindings stay: a ring for nobody costs nothing
  }

  private step(run: () => Promise<void>): Promise<void> {
    const next = this.steps.then(run);
    this.steps = next.catch(() => undefined);
    return next;
  }

  private async open(model: Pick<ChannelModel, 'createChannel'>, generation: number): Promise<void> {
    const channel = await this.epoch.channel(model, generation, this.log, 'doorbell');
    if (!channel) return;
    channel.on('close', () => this.channel === channel && (this.channel = undefined));
    const { queue } = await channel.assertQueue('', {
      exclusive: true,
      autoDelete: true,
      durable: false,
      arguments: { 'x-queue-type': 'classic', 'x-max-length': 1, 'x-overflow': 'drop-head' },
    });
    [this.queue, this.channel] = [queue, channel];
    this.bound.clear();
    for (const bell of this.bells.values()) await this.bind(channel, bell.topics);
    // One message at a time: while one is in hand the broker keeps only the latest behind it.
    await channel.prefetch(1);
    await channel.consume(queue, (message) => message && void this.take(channel, message));
  }

  private async bind(channel: Channel, topics: readonly string[]): Promise<void> {
    for (const topic of topics) {
      if (this.bound.has(topic) || !this.queue) continue;
      await channel.bindQueue(this.queue, this.names.exchange, topic);
      this.bound.add(topic);
    }
  }

  private async take(channel: Channel, message: ConsumeMessage): Promise<void> {
    const matching = [...this.bells].filter(([, bell]) => bell.topics.some((t) => topicMatches(t, message.fields.routingKey)));
    try {
      let foreign = false;
      // Counted against each doorbell it would have rung, as a consumer group's would be.
      for (const [name] of matching) foreign = (await this.logs.foreign(name, logOf(message))) || foreign;
      // Every bell, not only the matching ones: the queue keeps one message, so one of another topic
      // may have pushed out this bell's own. A ring is only a hint to read the log.
      if (!foreign && matching.length > 0) for (const bell of this.bells.values()) bell.ring();
    } finally {
      // Always, but a little later: until then the broker keeps only the latest message, so a burst of
      // events rings once per hold instead of once per event (under load, subscriptions batch less often still).
      setTimeout(() => {
        try {
          channel.ack(message); // an unacked one would silence every doorbell
        } catch {
          // The channel closed meanwhile: the message went with its queue.
        }
      }, RING_HOLD_MS);
    }
  }
}
