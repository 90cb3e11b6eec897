import * as t from 'io-ts';
import { withSchema } from './codec-shape.js';

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
export const IsoDateTime = withSchema(
  t.brand(
    t.string,
    (s): s is t.Branded<string, IsoDateTimeBrand> =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
    'IsoDateTime',
  ),
  { type: 'string', format: 'date-time', description: 'must be an ISO 8601 date-time with offset' },
);
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>;

export interface NonEmptyTextBrand {
  readonly NonEmptyText: unique symbol;
}
/** Trimmed, 1–200 characters: names, substances, reasons. */
export const NonEmptyText = withSchema(
  t.brand(
    t.string,
    (s): s is t.Branded<string, NonEmptyTextBrand> => s.trim().length > 0 && s.length <= 200 && s === s.trim(),
    'NonEmptyText',
  ),
  { type: 'string', minLength: 1, maxLength: 200, description: 'must be 1-200 characters without surrounding spaces' },
);
export type NonEmptyText = t.TypeOf<typeof NonEmptyText>;

export interface LongTextBrand {
  readonly LongText: unique symbol;
}
export const LongText = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, LongTextBrand> => s.length <= 4000, 'LongText'),
  { type: 'string', maxLength: 4000, description: 'must be at most 4000 characters' },
);
export type LongText = t.TypeOf<typeof LongText>;

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
