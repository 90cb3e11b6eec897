import { randomInt } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';

/** The namespace of Laboratory's name-based ids (a fixed, random UUID). */
const LABORATORY = 'c3a4f1e2-8b5d-4f7a-9e61-0d2b7c8a5f34';

/** A name-based UUID (RFC 9562 v5): the same parts always name the same thing. */
export const labDerivedId = (...parts: readonly string[]): string => uuidV5(parts.join('\u001f'), LABORATORY);

/** Crockford's base 32: no I, L, O or U, which are misread on a label. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An accession number for a specimen's label: the collection day and 6 random characters
 * (`L261128-7KQ2MX`), a billion per day, so two specimens never share one in practice; the
 * projection that matches analyser messages to orders would park results on an ambiguous one.
 */
export const accessionNumberOn = (now: () => Date) => (): string => {
  const day = now().toISOString().slice(2, 10).replaceAll('-', '');
  const random = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `L${day}-${random}`;
};
