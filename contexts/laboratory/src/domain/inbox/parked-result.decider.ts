import * as E from 'fp-ts/lib/Either.js';
import { absurd, pipe } from 'fp-ts/lib/function.js';
import { conflict, notFound, type Decider, type IsoDateTime, type LongText } from '@hcms/shared-kernel';
import type { ParkedResultCommand, ParkedResultCommandOf } from './parked-result.commands.js';
import type { ParkedResultError } from './parked-result.errors.js';
import type { ParkedResultEvent } from './parked-result.events.js';
import { evolve, initialState, type ParkedResultState } from './parked-result.state.js';

type Decision = E.Either<ParkedResultError, readonly ParkedResultEvent[]>;
const emit = (...events: ParkedResultEvent[]): Decision => E.right(events);

// Commands carry what the edge decoded and the handler stamped: instants in UTC, texts within bounds.
const instant = (s: string) => s as IsoDateTime;
const text = (s: string) => s as LongText;

/** Still waiting for a technician: assigned or discarded results are resolved for good. */
const stillParked = (s: ParkedResultState): E.Either<ParkedResultError, ParkedResultState> => {
  if (s.status === 'none') return E.left(notFound('PARKED_RESULTS_NOT_FOUND', 'no such parked results'));
  return s.status === 'parked'
    ? E.right(s)
    : E.left(conflict('PARKED_RESULTS_RESOLVED', `these parked results were ${s.status} already`, { details: { status: s.status } }));
};

/** A message parked again (the listener's retry) is parked once. */
const park = (
  { type: _type, at: _at, actorId: _actorId, ...parked }: ParkedResultCommandOf<'ParkResults'>,
  s: ParkedResultState,
): Decision => (s.status === 'none' ? emit({ type: 'ResultsParked', data: parked }) : emit());

const assign = (cmd: ParkedResultCommandOf<'AssignParkedResults'>, s: ParkedResultState): Decision =>
  pipe(
    stillParked(s),
    E.chain(() =>
      emit({
        type: 'ParkedResultsAssigned',
        data: { labOrderId: cmd.labOrderId, patientId: cmd.patientId, assignedBy: cmd.actorId, assignedAt: instant(cmd.at) },
      }),
    ),
  );

/** Only the assignment in force comes back; a second return of it is nothing. */
const giveBack = (cmd: ParkedResultCommandOf<'ReturnParkedResults'>, s: ParkedResultState): Decision =>
  s.status === 'assigned' && s.labOrderId === cmd.labOrderId
    ? emit({ type: 'ParkedResultsReturned', data: { labOrderId: cmd.labOrderId, reason: cmd.reason, returnedAt: instant(cmd.at) } })
    : emit();

const discard = (cmd: ParkedResultCommandOf<'DiscardParkedResults'>, s: ParkedResultState): Decision =>
  pipe(
    stillParked(s),
    E.chain(() =>
      emit({ type: 'ParkedResultsDiscarded', data: { reason: text(cmd.reason), discardedBy: cmd.actorId, discardedAt: instant(cmd.at) } }),
    ),
  );

export const decide = (cmd: ParkedResultCommand, s: ParkedResultState): Decision => {
  switch (cmd.type) {
    case 'ParkResults':
      return park(cmd, s);
    case 'AssignParkedResults':
      return assign(cmd, s);
    case 'ReturnParkedResults':
      return giveBack(cmd, s);
    case 'DiscardParkedResults':
      return discard(cmd, s);
    default:
      return absurd(cmd);
  }
};

export const parkedResultDecider: Decider<ParkedResultCommand, ParkedResultEvent, ParkedResultState, ParkedResultError> = {
  initialState,
  decide,
  evolve,
};
