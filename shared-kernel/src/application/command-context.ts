import type { Actor } from '../actor.js';
import type { StoredEvent } from '../envelope.js';
import type { RouteInput } from '../http/route.js';

/** Who asks, when, and as part of which request: given to every command handler. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The request or event that caused this command; defaults to the correlation id. */
  readonly causationId?: string;
  readonly now: Date;
}

export interface CommandResult {
  readonly streamId: string;
  /** Stream version after the command (unchanged when it decided nothing). */
  readonly version: number;
  /** Global position of the command's last event: pass it to a query to read your own write. */
  readonly position: number;
}

/** A command a request asks for: its caller is the actor, the request its cause. */
export const requestContext = (input: RouteInput<unknown, unknown, unknown>, now: Date): CommandContext => ({
  actor: input.principal,
  correlationId: input.correlationId,
  causationId: input.requestId,
  now,
});

/** A command a policy issues in reaction to `event`: the policy is its actor, the event its cause. */
export const policyContext = (policy: string, event: StoredEvent, now: Date): CommandContext => ({
  actor: { id: `policy:${policy}`, role: 'admin' },
  correlationId: event.metadata.correlationId,
  causationId: event.id,
  now,
});
