import { randomInt } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';

/** The namespace of Laboratory's name-based ids (a fixed, random UUID). */
const LABORATORY = 'c3a4f1e2-8b5d-4f7a-9e61-0d2b7c8a5f34';

/** A name-based UUID (RFC 9562 v5): the same parts always name the same thing. */
export const labDerivedId = (...parts: readonly string[]): string => uuidV5(parts.join('\u001f'), LABORATORY);

/** Crockford's base 32: no I, L, O or U, which are misread on a label. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An accession number for a specimen's label: the collection day and 8 random characters
 * (`L261128-7KQ2MXA4`), 32⁸ a day: at 10,000 specimens a day, two share one about once in
 * 60 years. Should they, analyser results naming it are parked for a technician, never guessed.
 */
export const accessionNumberOn = (now: () => Date) => (): string => {
  const day = now().toISOString().slice(2, 10).replaceAll('-', '');
  const random = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `L${day}-${random}`;
};
