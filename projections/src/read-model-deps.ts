import * as E from 'fp-ts/lib/Either.js';
import { validationError, type DomainError, type ReadStore, type SubscriptionStore } from '@hcms/shared-kernel';
import type { ReadModelCollections } from './runner/read-model-collections.js';
import type { ReadModelProgress, WaitScope } from './runner/read-model-progress.js';

export interface ReadModelDeps {
  readonly readStore: ReadStore;
  readonly collections: ReadModelCollections;
  readonly progress: ReadModelProgress;
  /** Every durable subscription's record: positions, parked events, requests. */
  readonly records: SubscriptionStore;
  /** How long a query waits for `minPosition` before answering 503. */
  readonly readYourWritesTimeoutMs: number;
  /** The head of the event log: a `minPosition` past it names no write, so it is refused at once. */
  readonly head: () => Promise<number>;
}

/**
 * Read-your-writes for a query: right once `readModel` has applied `minPosition`. A position
 * past the head of the log was never returned by a command: waiting for it would only pin the
 * connection for the whole timeout, so it is a 400 naming the parameter.
 */
export const readYourWrites = async (
  deps: ReadModelDeps,
  readModel: string,
  minPosition: number | undefined,
  scope?: WaitScope,
): Promise<E.Either<DomainError, number>> => {
  // A position the read model is known to have applied is in the log: the head need not be asked.
  if (minPosition !== undefined && minPosition > 0 && !deps.progress.knownApplied(readModel, minPosition, scope)) {
    const head = await deps.head();
    if (minPosition > head) {
      return E.left(
        validationError('POSITION_NOT_IN_LOG', `invalid query: minPosition ${minPosition} is past the head of the log (${head})`, {
          problems: [{ path: 'query.minPosition', rule: `must be a position a command returned (at most ${head})` }],
          details: { head, requested: minPosition },
        }),
      );
    }
  }
  return deps.progress.await(readModel, minPosition, deps.readYourWritesTimeoutMs, scope);
};
