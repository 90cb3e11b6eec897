import * as E from 'fp-ts/lib/Either.js';
import { invariantViolated, type DomainError } from '@hcms/shared-kernel';

/**
 * ICD-10-CM diagnosis codes, checked against the edition in force on the date of service (a new edition
 * takes effect every 1 October). Only billable codes are accepted. Pure: the editions come in as values.
 */
export interface Icd10CmEntry {
  readonly title: string;
  readonly billable: boolean;
}

/** One edition as published: in force from `effectiveFrom` (YYYY-MM-DD) until the next edition's. */
export interface Icd10CmEdition {
  readonly id: string;
  readonly effectiveFrom: string;
  entry(code: string): Icd10CmEntry | undefined;
  /** Billable codes starting with `prefix`, in code order, at most `limit`. */
  billableUnder(prefix: string, limit: number): readonly string[];
}

/** Every edition this installation knows, oldest first. */
export interface Icd10Cm {
  readonly editions: readonly Icd10CmEdition[];
  /**
   * After the 1 October that ends the newest edition installed, its successor is in force but not
   * here: refuse (the default), or, as the operator knowingly chose, keep checking against the newest
   * (each diagnosis records which edition checked it).
   */
  readonly afterNewest?: 'refuse' | 'newest';
}

/** The 1 October after `date`: when the edition in force on `date` gives way to the next. */
export const nextFirstOfOctober = (date: string): string => {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 10) >= '10-01' ? `${year + 1}-10-01` : `${year}-10-01`;
};

export interface CodedDiagnosis {
  readonly code: string;
  readonly title: string;
  readonly edition: string;
}

export type CodingErrorCode =
  'ICD10CM_UNKNOWN_CODE' | 'ICD10CM_NOT_BILLABLE' | 'ICD10CM_SEVENTH_CHARACTER_REQUIRED' | 'ICD10CM_NOT_IN_EDITION' | 'ICD10CM_NO_EDITION';

export type CodingError = DomainError<CodingErrorCode>;

const SHAPE = /^([A-Z][0-9A-Z]{2})(?:\.?([0-9A-Z]{1,4}))?$/;
const EXAMPLES = 5;

/** The dotted upper-case form (`s52521a` → `S52.521A`), or undefined when it cannot be an ICD-10-CM code. */
export const normaliseCode = (code: string): string | undefined => {
  const match = SHAPE.exec(code.trim().toUpperCase());
  if (!match) return undefined;
  const [, category, rest] = match;
  return rest ? `${category}.${rest}` : category;
};

/** A prefix for `billableUnder`: upper case, with the dot after the 3rd character when it is long enough. */
const normalisePrefix = (prefix: string): string => {
  const bare = prefix.trim().toUpperCase().replace('.', '');
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : prefix.trim().toUpperCase();
};

/** The first index in the sorted `codes` whose code is not below `key`. */
const lowerBound = (codes: readonly string[], key: string): number => {
  let low = 0;
  let high = codes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((codes[mid] ?? '') < key) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** An in-memory edition from entries (used by tests and by the loader). */
export const editionOf = (id: string, effectiveFrom: string, entries: Iterable<readonly [string, Icd10CmEntry]>): Icd10CmEdition => {
  const byCode = new Map<string, Icd10CmEntry>();
  for (const [code, entry] of entries) {
    const key = normaliseCode(code);
    if (key === undefined) throw new Error(`${id}: ${JSON.stringify(code)} is not an ICD-10-CM code`);
    byCode.set(key, { title: entry.title, billable: entry.billable });
  }
  const billable = [...byCode].filter(([, entry]) => entry.billable).map(([code]) => code);
  billable.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    id,
    effectiveFrom,
    entry: (code) => {
      const key = normaliseCode(code);
      return key === undefined ? undefined : byCode.get(key);
    },
    billableUnder: (prefix, limit) => {
      const key = normalisePrefix(prefix);
      const found: string[] = [];
      for (let i = lowerBound(billable, key); i < billable.length && found.length < limit; i += 1) {
        const code = billable[i] ?? '';
        if (!code.startsWith(key)) break;
        found.push(code);
      }
      return found;
    },
  };
};

const byDate = (editions: readonly Icd10CmEdition[]): Icd10CmEdition[] =>
  [...editions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));

/** The edition in force on a date (YYYY-MM-DD; a longer ISO timestamp counts by its date): the newest that took effect. */
export const editionOn = (codes: Icd10Cm, dateOfService: string): Icd10CmEdition | undefined => {
  const date = dateOfService.slice(0, 10);
  const editions = byDate(codes.editions);
  const edition = editions.filter((e) => e.effectiveFrom <= date).at(-1);
  const newest = edition !== undefined && edition === editions.at(-1);
  return newest && codes.afterNewest !== 'newest' && date >= nextFirstOfOctober(edition.effectiveFrom) ? undefined : edition;
};

/** Where an edition sits in time: `supersededOn` is the day the next edition took effect. */
const spanOf = (codes: Icd10Cm, edition: Icd10CmEdition): { effectiveFrom: string; supersededOn?: string } => {
  const next = byDate(codes.editions).find((other) => other.effectiveFrom > edition.effectiveFrom);
  return next ? { effectiveFrom: edition.effectiveFrom, supersededOn: next.effectiveFrom } : { effectiveFrom: edition.effectiveFrom };
};

const describeSpan = (span: { effectiveFrom: string; supersededOn?: string }): string =>
  span.supersededOn ? `in force from ${span.effectiveFrom}, superseded on ${span.supersededOn}` : `in force from ${span.effectiveFrom}`;

const refuse = (code: CodingErrorCode, message: string, rule: string, details: Readonly<Record<string, unknown>>): CodingError =>
  invariantViolated(code, message, { problems: [{ path: 'body.code', rule }], details });

/** The 7th characters a header takes when every billable code below it is the header (padded with X) plus one. */
const seventhCharacters = (header: string, below: readonly string[]): string[] | undefined => {
  const stem = header.replace('.', '').padEnd(6, 'X');
  const bare = below.map((code) => code.replace('.', ''));
  if (header.replace('.', '').length > 6 || bare.length === 0) return undefined;
  return bare.every((code) => code.length === 7 && code.startsWith(stem)) ? bare.map((code) => code.slice(6)) : undefined;
};

/** A header, or a prefix padded with placeholder X: not billable, with what to use instead. */
const notBillable = (codes: Icd10Cm, edition: Icd10CmEdition, code: string, inForce: string): CodingError => {
  // At most 36 codes differ only by a 7th character (0-9, A-Z), so 37 results tell a 7th character from a deeper header.
  const below = edition.billableUnder(code, 37);
  const examples = below.slice(0, EXAMPLES);
  const billableIn = codes.editions
    .filter((other) => other !== edition && other.entry(code)?.billable)
    .map((other) => ({ edition: other.id, ...spanOf(codes, other) }));
  const formerly = billableIn.length > 0 ? ` (billable in ${billableIn.map((e) => `${e.edition}, ${describeSpan(e)}`).join('; ')})` : '';
  const base = { edition: edition.id, effectiveFrom: edition.effectiveFrom, examples, ...(billableIn.length > 0 ? { billableIn } : {}) };
  const characters = seventhCharacters(code, below);
  if (characters) {
    return refuse(
      'ICD10CM_SEVENTH_CHARACTER_REQUIRED',
      `the ICD-10-CM code needs a 7th character in ${edition.id}`,
      `must be a billable ICD-10-CM code of ${inForce}: this code needs a 7th character (${characters.join(', ')}), e.g. ${examples.join(', ')}${formerly}`,
      { ...base, seventhCharacters: characters },
    );
  }
  return refuse(
    'ICD10CM_NOT_BILLABLE',
    `the ICD-10-CM code is a header, not billable, in ${edition.id}`,
    `must be a billable ICD-10-CM code of ${inForce}: this code is a header; use a more specific code${examples.length > 0 ? `, e.g. ${examples.join(', ')}` : ''}${formerly}`,
    base,
  );
};

/** A code unknown to the edition in force: known to another edition, or to none. */
const notInEdition = (codes: Icd10Cm, edition: Icd10CmEdition, code: string, inForce: string): CodingError => {
  const foundIn = codes.editions
    .filter((other) => other !== edition && other.entry(code) !== undefined)
    .map((other) => ({ edition: other.id, ...spanOf(codes, other), billable: other.entry(code)?.billable ?? false }));
  const where = { edition: edition.id, effectiveFrom: edition.effectiveFrom };
  if (foundIn.length === 0) {
    return refuse(
      'ICD10CM_UNKNOWN_CODE',
      'not an ICD-10-CM code',
      `must be a billable ICD-10-CM code of ${inForce}: no known ICD-10-CM edition has this code`,
      where,
    );
  }
  // Suggestions from the nearest ancestor the edition in force still has (a retired code's successors).
  const ancestors = [7, 6, 5, 4, 3].map((length) => code.slice(0, length)).filter((c) => c.length < code.length && !c.endsWith('.'));
  const ancestor = ancestors.find((candidate) => edition.entry(candidate) !== undefined);
  const examples = ancestor ? edition.billableUnder(ancestor, EXAMPLES) : [];
  const elsewhere = foundIn.map((e) => `${e.edition} (${describeSpan(e)})`).join(', ');
  return refuse(
    'ICD10CM_NOT_IN_EDITION',
    `the ICD-10-CM code is not in ${edition.id}, the edition in force on the date of service`,
    `must be a billable ICD-10-CM code of ${inForce}: this code is only in ${elsewhere}${examples.length > 0 ? `; in ${edition.id} see e.g. ${examples.join(', ')}` : ''}`,
    { ...where, foundIn, ...(examples.length > 0 ? { examples } : {}) },
  );
};

const noEditionRule = (date: string, known: readonly { id: string; effectiveFrom: string }[]): string => {
  const [first, last] = [known[0], known.at(-1)];
  if (!first || !last) return `no ICD-10-CM edition is installed, so no code can be checked for ${date}`;
  if (date < first.effectiveFrom)
    return `no ICD-10-CM edition known here is in force on ${date}: the oldest, ${first.id}, took effect on ${first.effectiveFrom}`;
  return `the ICD-10-CM edition in force on ${date} is not installed here: the newest, ${last.id}, was superseded on ${nextFirstOfOctober(last.effectiveFrom)}`;
};

/** A diagnosis code checked against the edition in force on the date of service. */
export const checkDiagnosisCode = (codes: Icd10Cm, code: string, dateOfService: string): E.Either<CodingError, CodedDiagnosis> => {
  const edition = editionOn(codes, dateOfService);
  const date = dateOfService.slice(0, 10);
  if (!edition) {
    const known = byDate(codes.editions).map((e) => ({ id: e.id, effectiveFrom: e.effectiveFrom }));
    return E.left(
      refuse('ICD10CM_NO_EDITION', `no ICD-10-CM edition installed here covers ${date}`, noEditionRule(date, known), {
        dateOfService: date,
        editions: known,
      }),
    );
  }
  // Past its 1 October only when the operator chose to go on with the newest edition: say so.
  const inForce =
    date >= nextFirstOfOctober(edition.effectiveFrom)
      ? `${edition.id}, the newest edition installed (the one in force on ${date} is not)`
      : `${edition.id}, the edition in force on ${date}`;
  const normal = normaliseCode(code);
  if (normal === undefined) {
    return E.left(
      refuse(
        'ICD10CM_UNKNOWN_CODE',
        'not an ICD-10-CM code',
        `must be a billable ICD-10-CM code of ${inForce}, written like E11.9 or S52.521A`,
        { edition: edition.id, effectiveFrom: edition.effectiveFrom },
      ),
    );
  }
  const entry = edition.entry(normal);
  if (entry?.billable) return E.right({ code: normal, title: entry.title, edition: edition.id });
  if (entry) return E.left(notBillable(codes, edition, normal, inForce));
  // Not a code of this edition but the start of some (a placeholder X typed without its 7th character).
  const isPrefix = normal.length > 3 && normal.endsWith('X') && edition.billableUnder(normal, 1).length > 0;
  return E.left(isPrefix ? notBillable(codes, edition, normal, inForce) : notInEdition(codes, edition, normal, inForce));
};
