import {
  backoffDelay,
  Pauses,
  type CheckpointStore,
  type EventStore,
  type MessageBus,
  type StoredEvent,
  type Subscription,
} from '@hcms/shared-kernel';
import type { Logger } from '../system/logger.js';

export interface RelayOptions {
  readonly name?: string;
  readonly batchSize?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A publish or checkpoint save still unsettled after this long counts as failing (default 30 s). */
  readonly stallMs?: number;
}

/** What keeps the relay from making progress, while something does. */
export type RelayTrouble = 'publish' | 'checkpoint' | 'subscription';

export interface RelayStatus {
  readonly position: number;
  readonly published: number;
  readonly healthy: boolean;
  readonly failing?: RelayTrouble;
}

/** Where a relay keeps its checkpoint for a log: a checkpoint of another log is never found there. */
export const relayCheckpointName = (logId: string | undefined, name = 'relay'): string => (logId === undefined ? name : `${name}@${logId}`);

/** Thrown out of a batch to end the subscription when the relay stops mid-retry. */
class RelayStopping extends Error {
  constructor() {
    super('relay stopping');
  }
}

/**
 * Publishes the global log to the bus, in order, at least once: a batch's checkpoint is stored
 * only after the bus confirmed it, so a crash at any point republishes, never skips.
 * Consumers drop the duplicates by position and stream version. The checkpoint is kept per log
 * (`relay@<log id>`), so a checkpoint of another log is never used; the bus stamps each message
 * with the log's id.
 *
 * It never stops by itself: a failed publish or checkpoint save is retried with capped backoff
 * (the subscription stays alive, so order holds), and a subscription that dies anyway is opened
 * again from the last checkpoint. While any of that is going on, `status.healthy` is false.
 */
export class Relay {
  private subscription?: Subscription;
  /** Tells the current subscription from dead ones whose errors arrive late. */
  private generation = 0;
  private restarts = 0;
  private stopping = false;
  private published = 0;
  private lastPosition = 0;
  private trouble: RelayTrouble | undefined;
  private readonly pauses = new Pauses();
  private readonly name: string;
  /** Undefined until the log has its first event. */
  private logId: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly bus: MessageBus,
    private readonly checkpoints: CheckpointStore,
    private readonly log: Logger,
    private readonly options: RelayOptions = {},
  ) {
    this.name = options.name ?? 'relay';
  }

  get status(): RelayStatus {
    return {
      position: this.lastPosition,
      published: this.published,
      healthy: this.trouble === undefined,
      ...(this.trouble ? { failing: this.trouble } : {}),
    };
  }

  /** Resolves once the backlog is published (or the first subscription died; it is retried). */
  /**
   * Resolves once the backlog is published, unless `untilCaughtUp` is false: a relay process must
   * answer its health check while a long backlog goes out (`status` tells how it is doing).
   */
  async start({ untilCaughtUp = true }: { readonly untilCaughtUp?: boolean } = {}): Promise<void> {
    this.lastPosition = await this.startingPosition();
    const following = this.follow();
    if (untilCaughtUp) await following;
    else following.catch((error: unknown) => this.log.error({ err: error }, 'relay could not follow the log'));
  }

  /**
   * This log's checkpoint. One from before logs had ids (plain `relay`) is taken if this log reaches
   * that far. A wrong guess here costs doorbells only, since subscriptions read the store themselves:
   * some rung twice, or some not rung at all while they poll.
   */
  private async startingPosition(): Promise<number> {
    this.logId = await this.store.logId();
    if (this.logId === undefined) return 0; // an empty log: nothing to publish yet
    const own = await this.checkpoints.load(this.checkpointName);
    if (own !== undefined) return own;
    const [legacy, head] = await Promise.all([this.checkpoints.load(this.name), this.store.headPosition()]);
    if (legacy !== undefined && legacy <= head) {
      this.log.info({ log: this.logId, position: legacy }, 'taking the relay checkpoint from before logs had ids as this log’s');
      return legacy;
    }
    if (head > 0) {
      const context = { log: this.logId, head, ...(legacy === undefined ? {} : { checkpointPastTheHead: legacy }) };
      this.log.warn(context, 'no relay checkpoint for this event log: publishing it from its start (one of another log is never used)');
    }
    return 0;
  }

  private get checkpointName(): string {
    return relayCheckpointName(this.logId, this.name);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.pauses.wakeAll();
    await this.subscription?.stop();
  }

  private async follow(): Promise<void> {
    if (this.stopping) return;
    const generation = ++this.generation;
    let died = false;
    const subscription = this.store.subscribeToAll((batch) => this.forward(batch), {
      after: this.lastPosition,
      batchSize: this.options.batchSize ?? 500,
      onError: (error) => {
        died = true;
        this.subscriptionDied(generation, error);
      },
    });
    this.subscription = subscription;
    await subscription.caughtUp;
    // Reading up to the head again is progress even when nothing new was there to publish.
    if (!died && generation === this.generation && this.trouble === 'subscription') this.recovered();
  }

  private subscriptionDied(generation: number, error: unknown): void {
    if (this.stopping || generation !== this.generation) return;
    this.trouble = 'subscription';
    const delayMs = this.delay(++this.restarts);
    this.log.error({ err: error, position: this.lastPosition, delayMs }, 'relay subscription died; reopening it from the checkpoint');
    void this.resubscribe(delayMs);
  }

  private async resubscribe(delayMs: number): Promise<void> {
    await this.pauses.sleep(delayMs);
    try {
      await this.follow();
    } catch (error) {
      // The store refused to open a subscription at all: same as one dying at once.
      this.subscriptionDied(this.generation, error);
    }
  }

  private async forward(batch: readonly StoredEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    if (!last) return;
    this.logId ??= await this.store.logId(); // the log was empty at start
    await this.retrying('publish', () => this.bus.publish(batch));
    // Only the save is retried: the batch is on the bus already.
    await this.retrying('checkpoint', () => this.checkpoints.save(this.checkpointName, last.position));
    this.lastPosition = last.position;
    this.published += batch.length;
    this.recovered();
  }

  /** Runs `step` until it succeeds; only a stop ends the loop, by failing the batch. */
  private async retrying(step: 'publish' | 'checkpoint', run: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) throw new RelayStopping();
      // A step that neither succeeds nor fails is as stuck as one that keeps failing.
      const stall = setTimeout(() => {
        this.trouble = step;
        this.log.error({ step, position: this.lastPosition }, 'relay step has not settled; waiting on it');
      }, this.options.stallMs ?? 30_000);
      try {
        await run();
        return;
      } catch (error) {
        this.trouble = step;
        const delayMs = this.delay(attempt);
        this.log.warn({ err: error, step, attempt, delayMs }, 'relay step failed; retrying');
        await this.pauses.sleep(delayMs);
      } finally {
        clearTimeout(stall);
      }
    }
  }

  private recovered(): void {
    if (this.trouble) this.log.info({ position: this.lastPosition }, 'relay making progress again');
    this.trouble = undefined;
    this.restarts = 0;
  }

  private delay(attempt: number): number {
    return backoffDelay(attempt, {
      ...(this.options.initialBackoffMs === undefined ? {} : { initialMs: this.options.initialBackoffMs }),
      ...(this.options.maxBackoffMs === undefined ? {} : { maxMs: this.options.maxBackoffMs }),
    });
  }
}
