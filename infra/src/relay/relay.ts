import type { CheckpointStore, EventStore, MessageBus, StoredEvent, Subscription } from '@hcms/shared-kernel';
import type { Logger } from '../system/logger.js';

export interface RelayOptions {
  readonly name?: string;
  readonly batchSize?: number;
  readonly maxBackoffMs?: number;
}

/**
 * Publishes the global log to the bus, in order, at least once: a batch's checkpoint is stored
 * only after the bus confirmed it, so a crash at any point republishes, never skips.
 * Consumers drop the duplicates by position and stream version.
 */
export class Relay {
  private subscription?: Subscription;
  private stopping = false;
  private published = 0;
  private lastPosition = 0;
  private failure: unknown;
  private readonly name: string;

  constructor(
    private readonly store: EventStore,
    private readonly bus: MessageBus,
    private readonly checkpoints: CheckpointStore,
    private readonly log: Logger,
    private readonly options: RelayOptions = {},
  ) {
    this.name = options.name ?? 'relay';
  }

  get status() {
    return { position: this.lastPosition, published: this.published, healthy: this.failure === undefined };
  }

  async start(): Promise<void> {
    this.lastPosition = (await this.checkpoints.load(this.name)) ?? 0;
    this.subscription = this.store.subscribeToAll((batch) => this.forward(batch), {
      after: this.lastPosition,
      batchSize: this.options.batchSize ?? 500,
      onError: (error) => {
        this.failure = error;
        this.log.error({ err: error }, 'relay stopped');
      },
    });
    await this.subscription.caughtUp;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
  }

  private async forward(batch: readonly StoredEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    if (!last) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bus.publish(batch);
        break;
      } catch (error) {
        if (this.stopping) throw error;
        const delay = Math.min(this.options.maxBackoffMs ?? 5000, 50 * 2 ** attempt);
        this.log.warn({ err: error, attempt, delayMs: delay }, 'publish failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    await this.checkpoints.save(this.name, last.position);
    this.lastPosition = last.position;
    this.published += batch.length;
    this.failure = undefined;
  }
}
