import type { ReadStore, SubscriptionStore } from '@hcms/shared-kernel';
import type { ReadModelCollections } from './runner/read-model-collections.js';
import type { ReadModelProgress } from './runner/read-model-progress.js';

export interface ReadModelDeps {
  readonly readStore: ReadStore;
  readonly collections: ReadModelCollections;
  readonly progress: ReadModelProgress;
  /** Every durable subscription's record: positions, parked events, requests. */
  readonly records: SubscriptionStore;
  /** How long a query waits for `minPosition` before answering 503. */
  readonly readYourWritesTimeoutMs: number;
}
