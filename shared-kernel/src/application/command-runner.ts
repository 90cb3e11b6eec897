import * as E from 'fp-ts/lib/Either.js';
import type { Decider, DomainEvent } from '../decider.js';
import { replay } from '../decider.js';
import { ConcurrencyConflictError, conflict, type DomainError } from '../errors.js';
import type { IdGenerator } from '../ids.js';
import { WrongExpectedVersionError, type EventStore } from '../ports/event-store.js';
import type { CommandContext, CommandResult } from './command-context.js';
import { toDomainEvent, wireType, type EventCodec } from './event-codec.js';

export interface Aggregate<C, Ev extends DomainEvent, S, Err> {
  readonly decider: Decider<C, Ev, S, Err>;
  readonly events: EventCodec<Ev>;
}

export interface RunOptions {
  /** Recorded in every event's metadata: the audit timeline is built from it. */
  readonly patientId?: string;
  /** Attempts before a version conflict is reported (each re-reads and re-decides). */
  readonly maxAttempts?: number;
  /**
   * Append only if the stream is still at this version (0: does not exist). Otherwise answer
   * `STREAM_CHANGED` without deciding again: for a saga step whose earlier steps were taken on
   * what the stream said then.
   */
  readonly expectedVersion?: number;
}

export type StreamChanged = DomainError<'STREAM_CHANGED'>;
const streamChanged = (streamId: string): StreamChanged =>
  conflict('STREAM_CHANGED', 'the record changed while this command was in progress; retry', { details: { streamId } });

export interface CommandRunnerDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
}

export interface Loaded<S> {
  readonly state: S;
  /** 0 when the stream does not exist. */
  readonly version: number;
  /** Global position of the stream's last event, 0 when none. */
  readonly position: number;
}

export const loadAggregate = async <C, Ev extends DomainEvent, S, Err>(
  store: EventStore,
  aggregate: Aggregate<C, Ev, S, Err>,
  streamId: string,
): Promise<Loaded<S>> => {
  const history = await store.readStream(streamId);
  const last = history[history.length - 1];
  return {
    state: replay(
      aggregate.decider,
      history.map((stored) => toDomainEvent(aggregate.events, stored)),
    ),
    version: last?.version ?? 0,
    position: last?.position ?? 0,
  };
};

/**
 * Load → decide → append with the expected version. On a version conflict the stream
 * changed under us: re-read and re-decide, so a conflict surfaces only when the rule
 * itself refuses, or after `maxAttempts` under relentless contention.
 */
export function runCommand<C, Ev extends DomainEvent, S, Err>(
  deps: CommandRunnerDeps,
  aggregate: Aggregate<C, Ev, S, Err>,
  streamId: string,
  command: C,
  context: CommandContext,
  options: RunOptions & { readonly expectedVersion: number },
): Promise<E.Either<Err | StreamChanged, CommandResult>>;
export function runCommand<C, Ev extends DomainEvent, S, Err>(
  deps: CommandRunnerDeps,
  aggregate: Aggregate<C, Ev, S, Err>,
  streamId: string,
  command: C,
  context: CommandContext,
  options?: RunOptions,
): Promise<E.Either<Err, CommandResult>>;
export async function runCommand<C, Ev extends DomainEvent, S, Err>(
  deps: CommandRunnerDeps,
  aggregate: Aggregate<C, Ev, S, Err>,
  streamId: string,
  command: C,
  context: CommandContext,
  options: RunOptions = {},
): Promise<E.Either<Err | StreamChanged, CommandResult>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const { state, version, position } = await loadAggregate(deps.store, aggregate, streamId);
    if (options.expectedVersion !== undefined && version !== options.expectedVersion) return E.left(streamChanged(streamId));
    const decision = aggregate.decider.decide(command, state);
    if (E.isLeft(decision)) return decision;
    if (decision.right.length === 0) {
      return E.right({ streamId, version, position });
    }
    const metadata = {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId ?? context.correlationId,
      schemaVersion: aggregate.events.schemaVersion,
      ...(options.patientId === undefined ? {} : { patientId: options.patientId }),
    };
    // What cannot be read back is never written: an event its own codec refuses is a defect, not a fact.
    const unreadable = decision.right.find((event: Ev) => !aggregate.events.codec.is(event)) as Ev | undefined;
    if (unreadable) throw new Error(`${streamId}: the decision gave a ${unreadable.type} its codec refuses; nothing was appended`);
    const events = decision.right.map((event) => ({
      id: deps.ids.next(),
      type: wireType(aggregate.events, event.type),
      data: (aggregate.events.codec.encode(event) as DomainEvent).data,
      metadata,
    }));
    try {
      const appended = await deps.store.append(streamId, events, version === 0 ? 'no-stream' : version);
      return E.right({ streamId, ...appended });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (options.expectedVersion !== undefined) return E.left(streamChanged(streamId));
      if (attempt >= maxAttempts) throw new ConcurrencyConflictError(streamId, attempt);
    }
  }
}
