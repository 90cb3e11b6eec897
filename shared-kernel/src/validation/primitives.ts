import * as t from 'io-ts';
import { Uuid } from '../ids.js';
import { describeCodec, withSchema } from './codec-shape.js';

// The id codec lives with the ids; its API schema sits here with the other primitives', so a
// client generating requests from the document sends ids the server accepts.
describeCodec(Uuid, {
  type: 'string',
  format: 'uuid',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
  description: 'must be a UUID (version 1-8)',
});

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface IsoDateBrand {
  readonly IsoDate: unique symbol;
}
/** A calendar date, `YYYY-MM-DD`, that exists (no 31 February). */
export const IsoDate = withSchema(
  t.brand(
    t.string,
    (s): s is t.Branded<string, IsoDateBrand> => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'IsoDate',
  ),
  { type: 'string', format: 'date', description: 'must be a date YYYY-MM-DD' },
);
export type IsoDate = t.TypeOf<typeof IsoDate>;

export interface IsoDateTimeBrand {
  readonly IsoDateTime: unique symbol;
}
// The document's pattern is this regex, so what it calls valid the server accepts: years 0001-9998
// (a ±18:00 offset keeps the UTC instant within four digits), seconds present as RFC 3339 wants
// them, hours 00-23, no leap second, offsets
// within ±18:00. Whether the day exists (31 February) is checked below; a pattern cannot say it.
const ISO_DATE_TIME =
  /^(?!0000)(?!9999)(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,9})?(?:Z|([+-])(?=(?:0\d|1[0-7]):|18:00)(\d{2}):([0-5]\d))$/;

// Every field must survive a trip through the calendar: Date.parse would roll 31 February over
// to 3 March (or refuse 24:61 only on some engines), and downstream code would then disagree.
const existsOnTheCalendar = (s: string): boolean => {
  const m = ISO_DATE_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec = '00', sign = '+', oh = '00', om = '00'] = m.slice(1);
  const wall = new Date(0);
  wall.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  wall.setUTCHours(Number(h), Number(mi), Number(sec));
  if (wall.toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${sec}`) return false;
  // Real offsets lie within ±14:00; ±18:00 is the widest that ISO 8601 profiles allow.
  const offsetMinutes = Number(oh) * 60 + Number(om);
  if (Number(om) > 59 || offsetMinutes > 18 * 60) return false;
  // Events store the instant in UTC: it must keep a four-digit year there too.
  const utcYear = new Date(wall.getTime() - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000).getUTCFullYear();
  return utcYear >= 0 && utcYear <= 9999;
};

/** An instant, `YYYY-MM-DDTHH:MM:SS[.fff]` with `Z` or an offset (RFC 3339), whose every field exists. */
export const IsoDateTime = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, IsoDateTimeBrand> => existsOnTheCalendar(s), 'IsoDateTime'),
  {
    type: 'string',
    format: 'date-time',
    pattern: ISO_DATE_TIME.source,
    description: 'must be an ISO 8601 date-time with Z or an offset, that exists (no 31 February, no 24:00)',
  },
);
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>;

export interface NonEmptyTextBrand {
  readonly NonEmptyText: unique symbol;
}
/**
 * Spaces that may not begin or end a text: what JavaScript's trim() removes and what other
 * languages' `\s` matches (the separators 1C–1F, NEL), spelled out so every regex engine that reads
 * the document's pattern agrees with the server.
 */
const EDGE_SPACE = '\\t\\n\\u000b\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** No space at either end; `(?![\s\S])` is the very end in every engine (`$` may stop before a final newline). */
const TRIMMED = `^[^${EDGE_SPACE}](?:[\\s\\S]*[^${EDGE_SPACE}])?(?![\\s\\S])`;
const TRIMMED_REGEX = new RegExp(TRIMMED);

/** Length as JSON Schema counts it: in characters (code points), not UTF-16 units. */
const characters = (s: string): number => [...s].length;

/** Trimmed, 1–200 characters: names, substances, reasons. */
export const NonEmptyText = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, NonEmptyTextBrand> => TRIMMED_REGEX.test(s) && characters(s) <= 200, 'NonEmptyText'),
  {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    pattern: TRIMMED,
    description: 'must be 1-200 characters without surrounding spaces',
  },
);
export type NonEmptyText = t.TypeOf<typeof NonEmptyText>;

export interface LongTextBrand {
  readonly LongText: unique symbol;
}
export const LongText = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, LongTextBrand> => characters(s) <= 4000, 'LongText'),
  { type: 'string', maxLength: 4000, description: 'must be at most 4000 characters' },
);
export type LongText = t.TypeOf<typeof LongText>;

export interface BoundedTextBrand {
  readonly BoundedText: unique symbol;
}
/** Any text of `min` to `max` characters (code points, as JSON Schema counts them). */
export const BoundedText = (min: number, max: number, description: string) =>
  withSchema(
    t.brand(t.string, (s): s is t.Branded<string, BoundedTextBrand> => characters(s) >= min && characters(s) <= max, 'BoundedText'),
    { type: 'string', minLength: min, maxLength: max, description },
  );

export interface BoundedIntBrand {
  readonly BoundedInt: unique symbol;
}
/** A JSON integer from `min` to `max` (for a query string's, see IntFromQuery). */
export const BoundedInt = (min: number, max: number, description: string) =>
  withSchema(
    t.brand(t.number, (n): n is t.Branded<number, BoundedIntBrand> => Number.isSafeInteger(n) && n >= min && n <= max, 'BoundedInt'),
    { type: 'integer', minimum: min, maximum: max, description },
  );

export interface PositiveIntBrand {
  readonly PositiveInt: unique symbol;
}
export const PositiveInt = withSchema(
  t.brand(t.number, (n): n is t.Branded<number, PositiveIntBrand> => Number.isSafeInteger(n) && n > 0, 'PositiveInt'),
  { type: 'integer', minimum: 1, description: 'must be a positive integer' },
);
export type PositiveInt = t.TypeOf<typeof PositiveInt>;

/** A query-string integer ("25") decoded to a number within bounds. */
export const IntFromQuery = (min: number, max: number) =>
  withSchema(
    new t.Type<number, string, unknown>(
      `IntFromQuery(${min}..${max})`,
      (u): u is number => typeof u === 'number',
      (u, c) => {
        const n = typeof u === 'string' && /^\d+$/.test(u) ? Number(u) : typeof u === 'number' ? u : NaN;
        return Number.isSafeInteger(n) && n >= min && n <= max ? t.success(n) : t.failure(u, c, `must be an integer from ${min} to ${max}`);
      },
      String,
    ),
    { type: 'integer', minimum: min, maximum: max },
  );

/** The moment as stored in events: UTC, millisecond precision. */
export const toIsoDateTime = (date: Date): IsoDateTime => date.toISOString() as IsoDateTime;

/** The latest calendar date anywhere on Earth at `at` (UTC+14): a birth "today" is never in the future. */
export const latestDateAnywhereAt = (at: string): string => new Date(Date.parse(at) + 14 * 3_600_000).toISOString().slice(0, 10);

/** An instant `seconds` after another, both ISO strings (UTC). */
export const addSeconds = (at: string, seconds: number): string => new Date(Date.parse(at) + seconds * 1000).toISOString();
