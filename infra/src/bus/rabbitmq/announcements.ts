import type { Channel, ChannelModel } from 'amqplib';
import type { Consumer } from '@hcms/shared-kernel';
import type { Logger } from '../../system/logger.js';
import { ConnectionEpoch } from './connection-epoch.js';
import type { LogFilter } from '../log-filter.js';
import { encodeAnnouncement, logOf } from './message-codec.js';
import type { Topology } from './topology.js';

interface Listener {
  readonly subject: string;
  readonly handler: (body: unknown) => void;
  channel?: Channel;
}

/**
 * Fleeting word between processes (a read model's progress) on its own exchange: published
 * without confirms or persistence, heard through a queue per listener that lives only as long as
 * its connection. Set up again after every reconnect; what was said in between is lost, by design.
 */
export class Announcements {
  private channel?: Channel;
  private readonly listeners = new Set<Listener>();
  private readonly epoch = new ConnectionEpoch();

  constructor(
    private readonly names: Topology,
    private readonly logs: LogFilter,
    private readonly log: Logger,
  ) {}

  /** On each (re)connect: a channel to announce on, and every listener's queue again. */
  async setup(model: Pick<ChannelModel, 'createChannel'>): Promise<void> {
    const generation = this.epoch.began();
    const channel = await this.epoch.channel(model, generation, this.log, 'announcement');
    if (!channel) return; // a reconnect came first: its setup opens them
    channel.on('close', () => this.channel === channel && (this.channel = undefined));
    await this.names.declareAnnouncements(channel);
    for (const listener of this.listeners) await this.open(model, listener, generation);
    this.channel = channel;
  }

  disconnected(): void {
    this.epoch.ended();
    this.channel = undefined;
  }

  async announce(subject: string, body: unknown): Promise<void> {
    try {
      const channel = this.channel;
      if (!channel) return; // between connections: nobody could hear it anyway
      const { content, options } = encodeAnnouncement(body, await this.logs.stamp());
      channel.publish(this.names.announcements, subject, content, options);
    } catch (error) {
      this.log.debug({ err: error, subject }, 'an announcement was lost');
    }
  }

  async listen(
    model: Pick<ChannelModel, 'createChannel'> | undefined,
    subject: string,
    handler: (body: unknown) => void,
  ): Promise<Consumer> {
    const listener: Listener = { subject, handler };
    this.listeners.add(listener);
    try {
      const generation = this.epoch.current;
      if (model && generation !== undefined) await this.open(model, listener, generation);
    } catch (error) {
      this.listeners.delete(listener);
      throw error;
    }
    return {
      stop: async () => {
        this.listeners.delete(listener);
        await listener.channel?.close().catch(() => undefined);
      },
    };
  }

  private async open(model: Pick<ChannelModel, 'createChannel'>, listener: Listener, generation: number): Promise<void> {
    const channel = await this.epoch.channel(model, generation, this.log, 'announcement listener');
    if (!channel) return;
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(queue, this.names.announcements, listener.subject);
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        void this.hear(listener, logOf(message), message.content);
      },
      { noAck: true },
    );
    // A listen racing a reconnect opens twice: the later channel is the one kept.
    void listener.channel?.close().catch(() => undefined);
    listener.channel = channel;
  }

  private async hear(listener: Listener, logId: string | undefined, content: Buffer): Promise<void> {
    try {
      if (await this.logs.foreign(`announcements.${listener.subject}`, logId)) return;
      listener.handler(JSON.parse(content.toString('utf8')) as unknown);
    } catch (error) {
      this.log.warn({ err: error, subject: listener.subject }, 'could not take an announcement');
    }
  }
}
