import type { Either } from 'fp-ts/lib/Either.js';

/** A domain event as the domain sees it: a tag and its data. The envelope is added outside. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * An aggregate written as a decider: pure, deterministic, and replayable.
 * Time, ids and the actor arrive inside the command; nothing here reads a clock.
 */
export interface Decider<C, E, S, Err> {
  readonly initialState: S;
  readonly decide: (command: C, state: S) => Either<Err, readonly E[]>;
  readonly evolve: (state: S, event: E) => S;
}

export const replay = <C, E, S, Err>(decider: Decider<C, E, S, Err>, events: readonly E[]): S =>
  events.reduce(decider.evolve, decider.initialState);
