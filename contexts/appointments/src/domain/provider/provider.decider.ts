import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import {
  conflict,
  invariantViolated,
  notFound,
  type Decider,
  type DomainError,
  type IsoDate,
  type NonEmptyText,
  type PositiveInt,
} from '@hcms/shared-kernel';
import { minutesOf, type LocalTime, type WeeklyHours } from '../values.js';
import type { AvailabilityException, ProviderEvent } from './provider.events.js';

export type ProviderCommand =
  | {
      readonly type: 'RegisterProvider';
      readonly providerId: string;
      readonly name: NonEmptyText;
      readonly specialty: NonEmptyText;
      readonly timeZone: string;
    }
  | { readonly type: 'SetWeeklyAvailability'; readonly hours: readonly WeeklyHours[]; readonly slotMinutes: PositiveInt }
  | {
      readonly type: 'AddAvailabilityException';
      readonly exceptionId: string;
      readonly date: IsoDate;
      readonly kind: 'time-off' | 'extra-hours';
      readonly start?: LocalTime;
      readonly end?: LocalTime;
      readonly note?: NonEmptyText;
    };

export type ProviderErrorCode =
  'PROVIDER_NOT_FOUND' | 'PROVIDER_ALREADY_REGISTERED' | 'INVALID_HOURS' | 'OVERLAPPING_HOURS' | 'SLOT_LONGER_THAN_HOURS';
export type ProviderError = DomainError<ProviderErrorCode>;

export type ProviderState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active';
      readonly providerId: string;
      readonly name: string;
      readonly specialty: string;
      readonly timeZone: string;
      readonly hours: readonly WeeklyHours[];
      readonly slotMinutes: number;
      readonly exceptions: readonly AvailabilityException[];
    };

type Decision = E.Either<ProviderError, readonly ProviderEvent[]>;
type Active = Extract<ProviderState, { status: 'active' }>;

const registered = (s: ProviderState): E.Either<ProviderError, Active> =>
  s.status === 'active' ? E.right(s) : E.left(notFound('PROVIDER_NOT_FOUND', 'no such provider'));

const hoursProblem = (
  hours: readonly { start: string; end: string; weekday?: number }[],
  slotMinutes: number,
): ProviderError | undefined => {
  if (hours.some((h) => minutesOf(h.start) >= minutesOf(h.end)))
    return invariantViolated('INVALID_HOURS', 'opening hours must end after they start');
  if (hours.some((h) => minutesOf(h.end) - minutesOf(h.start) < slotMinutes)) {
    return invariantViolated('SLOT_LONGER_THAN_HOURS', 'every block of hours must fit at least one slot');
  }
  const sorted = [...hours].sort((a, b) => (a.weekday ?? 0) - (b.weekday ?? 0) || minutesOf(a.start) - minutesOf(b.start));
  const clash = sorted.some((h, i) => {
    const next = sorted[i + 1];
    return next !== undefined && next.weekday === h.weekday && minutesOf(next.start) < minutesOf(h.end);
  });
  return clash ? invariantViolated('OVERLAPPING_HOURS', 'blocks of hours on one day must not overlap') : undefined;
};

export const decideProvider = (cmd: ProviderCommand, s: ProviderState): Decision => {
  switch (cmd.type) {
    case 'RegisterProvider':
      return s.status === 'active'
        ? E.left(conflict('PROVIDER_ALREADY_REGISTERED', 'this provider is already registered'))
        : E.right([
            {
              type: 'ProviderRegistered',
              data: { providerId: cmd.providerId, name: cmd.name, specialty: cmd.specialty, timeZone: cmd.timeZone },
            },
          ]);
    case 'SetWeeklyAvailability':
      return E.chain((): Decision => {
        const problem = hoursProblem(cmd.hours, cmd.slotMinutes);
        return problem
          ? E.left(problem)
          : E.right([{ type: 'WeeklyAvailabilitySet', data: { hours: [...cmd.hours], slotMinutes: cmd.slotMinutes } }]);
      })(registered(s));
    case 'AddAvailabilityException':
      return E.chain((p: Active): Decision => {
        const { type: _t, ...data } = cmd;
        if (cmd.kind === 'extra-hours' && (cmd.start === undefined || cmd.end === undefined)) {
          return E.left(invariantViolated('INVALID_HOURS', 'extra hours need a start and an end'));
        }
        if (cmd.start !== undefined && cmd.end !== undefined) {
          const problem = hoursProblem([{ start: cmd.start, end: cmd.end }], cmd.kind === 'extra-hours' ? p.slotMinutes : 1);
          if (problem) return E.left(problem);
        }
        return E.right([{ type: 'AvailabilityExceptionAdded', data }]);
      })(registered(s));
    default:
      return absurd<Decision>(cmd);
  }
};

export const evolveProvider = (s: ProviderState, e: ProviderEvent): ProviderState => {
  switch (e.type) {
    case 'ProviderRegistered':
      return { status: 'active', ...e.data, hours: [], slotMinutes: 30, exceptions: [] };
    case 'WeeklyAvailabilitySet':
      return s.status === 'active' ? { ...s, hours: e.data.hours, slotMinutes: e.data.slotMinutes } : s;
    case 'AvailabilityExceptionAdded':
      return s.status === 'active' ? { ...s, exceptions: [...s.exceptions, e.data] } : s;
  }
};

export const providerDecider: Decider<ProviderCommand, ProviderEvent, ProviderState, ProviderError> = {
  initialState: { status: 'unregistered' },
  decide: decideProvider,
  evolve: evolveProvider,
};
