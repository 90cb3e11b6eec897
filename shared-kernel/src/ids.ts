import * as t from 'io-ts';

/** A UUID in lower case, unanchored: for patterns of ids that embed one. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const UUID_RE = new RegExp(`^${UUID_PATTERN}$`, 'i');

export interface UuidBrand {
  readonly Uuid: unique symbol;
}
/** A UUID (we mint v7, time-ordered; we accept any version from clients and imports). */
export const Uuid = t.brand(t.string, (s): s is t.Branded<string, UuidBrand> => UUID_RE.test(s), 'Uuid');
export type Uuid = t.TypeOf<typeof Uuid>;

export interface IdGenerator {
  /** A new time-ordered UUID (v7). */
  next(): string;
}
