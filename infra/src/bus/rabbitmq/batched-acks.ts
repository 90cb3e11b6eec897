import type { Channel, Message } from 'amqplib';

/**
 * The acks of one channel whose deliveries are handled strictly in delivery order: instead of one
 * ack per message, one `ack(last, allUpTo)` per turn of the event loop, or per `every` messages so
 * the prefetch window keeps moving. Acking up to the last handled message is safe because every
 * message before it was settled too — except one left unacked on purpose (its dead-lettering
 * failed, so the broker must deliver it again): from then on this channel acks one by one, so no
 * ack ever covers it.
 */
export class BatchedAcks {
  private last: Message | undefined;
  private pending = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private oneByOne = false;

  constructor(
    private readonly channel: Channel,
    private readonly every: number,
    /** An ack on a channel that died is moot: the broker redelivers, and consumers are idempotent. */
    private readonly lost: () => void,
  ) {}

  /** `message` is settled (handled, dropped or dead-lettered): it may go, with all before it. */
  settled(message: Message): void {
    if (this.oneByOne) return this.send(message, false);
    this.last = message;
    if (++this.pending >= this.every) return this.flush();
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** `message` stays unacked for the broker to deliver again: no later ack may cover it. */
  leave(): void {
    this.flush();
    this.oneByOne = true;
  }

  flush(): void {
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const last = this.last;
    [this.last, this.pending] = [undefined, 0];
    if (last) this.send(last, true);
  }

  /** The channel is gone: what was not acked comes back from the broker anyway. */
  forget(): void {
    clearImmediate(this.scheduled);
    [this.scheduled, this.last, this.pending] = [undefined, undefined, 0];
  }

  private send(message: Message, allUpTo: boolean): void {
    try {
      this.channel.ack(message, allUpTo);
    } catch {
      this.lost();
    }
  }
}
