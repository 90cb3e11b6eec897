import * as E from 'fp-ts/lib/Either.js';
import { DateTime } from 'luxon';
import { loadAggregate, notFound, toIsoDateTime, type DomainError, type IsoDateTime } from '@hcms/shared-kernel';
import { providerStream } from '../contract.js';
import type { ProviderState } from '../domain/provider/provider.decider.js';
import { scheduleStream } from '../domain/schedule/schedule.state.js';
import type { Interval } from '../domain/values.js';
import { providerAggregate } from './aggregates.js';
import type { AppointmentsDeps } from './appointments.deps.js';
import { localDateOf, openingsOn } from './time-zones.js';

export type ActiveProvider = Extract<ProviderState, { status: 'active' }>;

export interface Placement {
  /** The appointment's times in UTC. */
  readonly slot: { readonly start: IsoDateTime; readonly end: IsoDateTime };
  /** The provider-day stream the time belongs to (the date in the provider's time zone). */
  readonly stream: string;
  /** The provider's opening hours that day, as instants. */
  readonly openings: readonly Interval[];
}

export const loadProvider = async (deps: AppointmentsDeps, providerId: string): Promise<E.Either<DomainError, ActiveProvider>> => {
  const { state } = await loadAggregate(deps.store, providerAggregate, providerStream(providerId));
  return state.status === 'active' ? E.right(state) : E.left(notFound('PROVIDER_NOT_FOUND', 'no such provider'));
};

/** The provider-day stream that holds a time starting at `start` (any offset). */
export const dayStreamOf = (provider: ActiveProvider, start: string): string =>
  scheduleStream(provider.providerId, localDateOf(start, provider.timeZone));

/** Where an appointment starting at `start` (any offset) for `minutes` sits in the provider's schedule. */
export const placeInSchedule = (provider: ActiveProvider, start: string, minutes: number): Placement => {
  const from = DateTime.fromISO(start, { setZone: true }).toUTC();
  const slot = { start: toIsoDateTime(from.toJSDate()), end: toIsoDateTime(from.plus({ minutes }).toJSDate()) };
  const localDate = localDateOf(slot.start, provider.timeZone);
  return { slot, stream: scheduleStream(provider.providerId, localDate), openings: openingsOn(provider, localDate) };
};
