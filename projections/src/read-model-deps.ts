import * as E from 'fp-ts/lib/Either.js';
import { validationError, type DomainError, type ReadStore, type SubscriptionStore, type Versioned } from '@hcms/shared-kernel';
import type { Projection } from './runner/projection.js';
import type { ReadModelCollections } from './runner/read-model-collections.js';
import type { RecentDocuments } from './runner/recent-documents.js';
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
  /** Mirrored read models' documents as their projector last announced them (a query process's). */
  readonly recent?: RecentDocuments;
}

/**
 * A document of `projection` as of `position` or later (the position a read waited for): from what
 * this process heard its projector write when that is known to be the latest, else from the read store.
 */
export const readById = async <Doc>(
  deps: ReadModelDeps,
  projection: Pick<Projection<Doc>, 'name' | 'indexes'>,
  id: string,
  position: number,
): Promise<Versioned<Doc> | undefined> => {
  const heard = deps.recent?.latest(projection.name, await deps.collections.physicalName(projection.name), id, position);
  if (heard === undefined) return (await deps.collections.of(projection)).get(id);
  return heard.doc === null ? undefined : { id, doc: heard.doc as Doc, version: heard.version };
};

/** A query parameter naming a position the log has not reached: a 400 naming it, with the head. */
export const pastTheHead = (parameter: string, requested: number, head: number, what: string): DomainError =>
  validationError('POSITION_NOT_IN_LOG', `invalid query: ${parameter} ${requested} is past the head of the log (${head})`, {
    problems: [{ path: `query.${parameter}`, rule: `must be ${what} (at most ${head})` }],
    details: { head, requested },
  });

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
    if (minPosition > head) return E.left(pastTheHead('minPosition', minPosition, head, 'a position a command returned'));
  }
  return deps.progress.await(readModel, minPosition, deps.readYourWritesTimeoutMs, scope);
};
