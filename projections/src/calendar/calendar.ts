import { DateTime } from 'luxon';
import { openingsOn, overlaps, type Interval } from '@hcms/appointments/contract';
import type { DocumentCollection } from '@hcms/shared-kernel';
import type { AppointmentView } from '../appointment-list/appointment-list.projection.js';
import type { ProviderDoc } from '../provider-directory/provider-directory.projection.js';

export interface Slot extends Interval {
  readonly status: 'free' | 'booked';
  readonly appointmentId?: string;
}

export interface CalendarDay {
  readonly date: string;
  readonly slots: readonly Slot[];
}

const ACTIVE: readonly AppointmentView['status'][] = ['scheduled', 'checked-in', 'completed', 'no-show'];

export const datesFrom = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => DateTime.fromISO(from, { zone: 'utc' }).plus({ days: i }).toISODate() ?? from);

/** A provider's days cut into slots of their slot length, each free or booked; past slots left out. */
export const providerCalendar = async (
  provider: ProviderDoc,
  appointments: DocumentCollection<AppointmentView>,
  dates: readonly string[],
  now: string,
): Promise<CalendarDay[]> => {
  const days: CalendarDay[] = [];
  for (const date of dates) {
    const openings = openingsOn(provider, date);
    const first = openings[0];
    const last = openings[openings.length - 1];
    const booked =
      first && last
        ? (
            await appointments.find({
              where: [
                { field: 'providerId', op: 'eq', value: provider.providerId },
                { field: 'start', op: 'lt', value: last.end },
                { field: 'start', op: 'gte', value: DateTime.fromISO(first.start).minus({ hours: 12 }).toUTC().toISO() ?? first.start },
              ],
              sort: { field: 'start', direction: 'asc' },
              limit: 500,
            })
          ).items
            .map((i) => i.doc)
            .filter((a) => ACTIVE.includes(a.status))
        : [];
    const slots: Slot[] = [];
    for (const opening of openings) {
      for (let t = DateTime.fromISO(opening.start).toUTC(); ; t = t.plus({ minutes: provider.slotMinutes })) {
        const slot = { start: t.toISO() ?? '', end: t.plus({ minutes: provider.slotMinutes }).toISO() ?? '' };
        if (slot.end > opening.end) break;
        if (slot.start < now) continue;
        const taken = booked.find((a) => overlaps(a, slot));
        slots.push(taken ? { ...slot, status: 'booked', appointmentId: taken.appointmentId } : { ...slot, status: 'free' });
      }
    }
    days.push({ date, slots });
  }
  return days;
};
