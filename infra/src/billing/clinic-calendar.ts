import { DateTime } from 'luxon';
import type { Clock, IsoDate } from '@hcms/shared-kernel';

export interface ClinicCalendar {
  /** The clinic's business day now. */
  readonly today: () => IsoDate;
  /** The clinic's day of an instant. */
  readonly dateOf: (instant: string) => IsoDate;
}

const dayIn =
  (timeZone: string) =>
  (instant: DateTime): IsoDate => {
    const date = instant.setZone(timeZone).toISODate();
    // A fault, not a refusal: the log and the clock give valid instants.
    if (date === null) throw new Error(`no calendar date for ${instant.toString()} in ${timeZone}`);
    return date as IsoDate;
  };

/** The clinic's day of an instant, whatever offset it was written with. */
export const clinicDateOf = (timeZone: string): ((instant: string) => IsoDate) => {
  const day = dayIn(timeZone);
  return (instant) => day(DateTime.fromISO(instant, { setZone: true }));
};

/**
 * Days as the clinic counts them, in its own time zone: a payment taken at 23:30 local time is
 * that day's takings, not the next day's in UTC. The zone was validated with the configuration.
 */
export const clinicCalendar = (clock: Clock, timeZone: string): ClinicCalendar => {
  const day = dayIn(timeZone);
  return { today: () => day(DateTime.fromJSDate(clock.now())), dateOf: clinicDateOf(timeZone) };
};
