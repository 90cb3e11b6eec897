import type { ReadStore } from '@hcms/shared-kernel';
import type { ReadModelProgress } from './runner/read-model-progress.js';

export interface ReadModelDeps {
  readonly readStore: ReadStore;
  readonly progress: ReadModelProgress;
  /** How long a query waits for `minPosition` before answering 503. */
  readonly readYourWritesTimeoutMs: number;
}
