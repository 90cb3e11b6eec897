import { minutesOf, timeOf, weekdayOf } from '../values.js';
import type { ProviderState } from './provider.decider.js';

export interface LocalWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * The provider's opening hours on a date, in their own time zone: the weekly hours of that
 * weekday, less time off, plus extra hours. Pure: the caller turns them into instants.
 */
export const localWindowsOn = (provider: Extract<ProviderState, { status: 'active' }>, date: string): LocalWindow[] => {
  const weekday = weekdayOf(date);
  const exceptions = provider.exceptions.filter((x) => x.date === date);
  let minutes = new Set<number>();
  for (const h of provider.hours.filter((h) => h.weekday === weekday)) {
    for (let m = minutesOf(h.start); m < minutesOf(h.end); m++) minutes.add(m);
  }
  for (const x of exceptions) {
    const from = x.start === undefined ? 0 : minutesOf(x.start);
    const to = x.end === undefined ? 24 * 60 : minutesOf(x.end);
    for (let m = from; m < to; m++) {
      if (x.kind === 'time-off') minutes.delete(m);
      else minutes.add(m);
    }
  }
  minutes = new Set([...minutes].sort((a, b) => a - b));
  const windows: LocalWindow[] = [];
  let open: number | undefined;
  let previous = -2;
  for (const m of minutes) {
    if (m !== previous + 1) {
      if (open !== undefined) windows.push({ start: timeOf(open), end: timeOf(previous + 1) });
      open = m;
    }
    previous = m;
  }
  if (open !== undefined) windows.push({ start: timeOf(open), end: timeOf(previous + 1) });
  return windows;
};
