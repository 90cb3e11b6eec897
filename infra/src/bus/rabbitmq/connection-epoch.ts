import type { Channel, ChannelModel } from 'amqplib';
import type { Logger } from '../../system/logger.js';

/**
 * Which broker connection a part of the bus is on. Between a disconnect and the next setup, what is
 * added is only registered and the setup opens it: a channel asked for meanwhile would wait for the
 * reconnect, whose setup would wait for it. A channel opened for an earlier connection is closed.
 */
export class ConnectionEpoch {
  private connected = false;
  private generation = 0;

  /** A (re)connect's setup begins: its generation. */
  began(): number {
    this.connected = true;
    return ++this.generation;
  }

  ended(): void {
    this.connected = false;
  }

  /** The connection's generation, or undefined between connections. */
  get current(): number | undefined {
    return this.connected ? this.generation : undefined;
  }

  /** A channel on the connection of `generation`; undefined, and closed, when a reconnect came first. */
  async channel(model: Pick<ChannelModel, 'createChannel'>, generation: number, log: Logger, what: string): Promise<Channel | undefined> {
    const channel = await model.createChannel();
    if (generation !== this.generation) {
      void channel.close().catch(() => undefined);
      return undefined;
    }
    channel.on('error', (error: Error) => log.warn({ err: error }, `${what} channel error`));
    return channel;
  }
}
