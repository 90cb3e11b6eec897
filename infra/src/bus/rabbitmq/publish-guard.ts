import type { ConfirmChannel } from 'amqplib';

/** The broker did not answer in time; whatever was waited for is in doubt. */
export class BrokerTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`no ${what} from the broker within ${ms} ms`);
    this.name = 'BrokerTimeoutError';
  }
}

/** `work`, unless `ms` pass first or `failed` rejects first. */
export const settleWithin = async <T>(work: Promise<T>, ms: number, what: string, failed?: Promise<never>): Promise<T> => {
  // The loser of the race may still reject later; that must not surface as an unhandled rejection.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrokerTimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race(failed ? [work, timedOut, failed] : [work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Watches the publisher channel for the length of one publish, so that no wait on it outlives
 * the channel: amqplib never emits `drain` on a channel that closed, and a broker that stops
 * answering (a stalled link, a resource alarm) never confirms. Every wait also has a deadline.
 */
export class PublishGuard {
  /** The channel closed, failed or stopped answering: it must not be used again. */
  broken = false;
  private fail: (error: Error) => void = () => undefined;
  private readonly failed = new Promise<never>((_, reject) => {
    this.fail = (error) => {
      this.broken = true;
      reject(error);
    };
  });
  private readonly onClose = () => this.fail(new Error('publisher channel closed'));
  private readonly onError = (error: Error) => this.fail(error);

  constructor(
    private readonly channel: ConfirmChannel,
    private readonly timeoutMs: number,
  ) {
    this.failed.catch(() => undefined); // seen through `within`, or by nobody when all went well
    channel.once('close', this.onClose);
    channel.on('error', this.onError);
  }

  async within<T>(work: Promise<T>, what: string): Promise<T> {
    try {
      return await settleWithin(work, this.timeoutMs, what, this.failed);
    } catch (error) {
      if (error instanceof BrokerTimeoutError) this.broken = true;
      throw error;
    }
  }

  /** Until the channel's write buffer has room again. */
  async drained(): Promise<void> {
    let resolveDrain = () => {};
    const drain = new Promise<void>((resolve) => (resolveDrain = resolve));
    this.channel.once('drain', resolveDrain);
    try {
      await this.within(drain, 'drain');
    } finally {
      this.channel.off('drain', resolveDrain);
    }
  }

  dispose(): void {
    this.channel.off('close', this.onClose);
    this.channel.off('error', this.onError);
  }
}
