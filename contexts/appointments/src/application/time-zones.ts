import { DateTime, IANAZone } from 'luxon';
import { localWindowsOn } from '../domain/provider/availability.js';
import type { ProviderState } from '../domain/provider/provider.decider.js';
import type { Interval } from '../domain/values.js';

type Provider = Extract<ProviderState, { status: 'active' }>;

/** Current IANA names that this runtime's list still gives under their old names (CLDR keeps those). */
const RENAMED = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Ho_Chi_Minh',
  'Asia/Yangon',
  'Europe/Kyiv',
  'America/Nuuk',
  'Atlantic/Faroe',
  'Pacific/Kanton',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
  'America/Argentina/Buenos_Aires',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
];

/**
 * The time zones a provider may work in: the canonical IANA names this runtime knows, and UTC.
 * Listed in the API document as they are, so the document and the server accept the same names
 * (aliases such as `US/Eastern` are refused; their canonical names are accepted).
 */
export const TIME_ZONES: readonly string[] = [
  ...new Set(['UTC', 'Etc/UTC', ...Intl.supportedValuesOf('timeZone'), ...RENAMED].filter((zone) => IANAZone.isValidZone(zone))),
].sort();
const KNOWN = new Set(TIME_ZONES);

export const isTimeZone = (zone: string): boolean => KNOWN.has(zone);

/** The calendar date of an instant where the provider works. */
export const localDateOf = (instant: string, timeZone: string): string =>
  DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toISODate() ?? '';

const instant = (date: string, time: string, zone: string): string => {
  const local =
    time === '24:00' ? DateTime.fromISO(`${date}T00:00`, { zone }).plus({ days: 1 }) : DateTime.fromISO(`${date}T${time}`, { zone });
  return local.toUTC().toISO() ?? '';
};

/** The provider's opening hours on a local date, as UTC instants (daylight saving included). */
export const openingsOn = (provider: Provider, localDate: string): Interval[] =>
  localWindowsOn(provider, localDate).map((w) => ({
    start: instant(localDate, w.start, provider.timeZone),
    end: instant(localDate, w.end, provider.timeZone),
  }));
