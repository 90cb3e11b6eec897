import * as E from 'fp-ts/lib/Either.js';
import { Hl7Message, type Hl7Field, type Hl7Segment } from '@medplum/core';
import { unescapeHl7 } from './hl7-escaping.js';

/** One visible character that is neither a letter, a digit nor a space: what HL7 allows as a delimiter. */
const DELIMITER = /^[^\p{L}\p{N}\s]$/u;

/**
 * The text as an HL7 message. The library's parser takes whatever follows `MSH` as delimiters
 * (an empty or a repeated one splits the text into single characters), so they are checked here
 * first; it is also kept from throwing on anything else a sender could put on the wire.
 */
export const readHl7 = (text: string): E.Either<string, Hl7Message> => {
  const body = text.replace(/^[\s\uFEFF]+/, '');
  if (!body.startsWith('MSH')) return E.left('not an HL7 message: it does not start with an MSH segment');
  const fieldSeparator = body.charAt(3);
  if (!DELIMITER.test(fieldSeparator)) return E.left('MSH-1 (field separator) is not valid');
  // Four encoding characters (`^~\&`), five from v2.7 on (`^~\&#`).
  const end = body.indexOf(fieldSeparator, 4);
  const encoding = end === 8 || end === 9 ? [...body.slice(4, end)] : [];
  if (
    encoding.length !== end - 4 ||
    new Set([fieldSeparator, ...encoding]).size !== encoding.length + 1 ||
    !encoding.every((c) => DELIMITER.test(c))
  )
    return E.left('MSH-2 (encoding characters) is not valid');
  try {
    return E.right(Hl7Message.parse(body));
  } catch {
    return E.left('not a readable HL7 message');
  }
};

/** The MSH of a text that may hold anything: read from its first `MSH` on, when one can be read. */
export const headerOf = (text: string): Hl7Message | undefined => {
  const at = text.indexOf('MSH');
  if (at < 0) return undefined;
  const firstLine = text.slice(at).split(/[\r\n]/, 1)[0] ?? '';
  const header = readHl7(firstLine);
  return E.isRight(header) ? header.right : undefined;
};

/** A field, or nothing where the segment is shorter (the library's types say a field is always there). */
export const fieldOf = (segment: Hl7Segment, n: number): Hl7Field | undefined => segment.getField(n);

/** HL7's explicit null (`""`) and an absent value are both nothing here. */
const nothing = (value: string) => value.trim() === '' || value.trim() === '""';

/** One component of a field's first repetition, unescaped and trimmed; `undefined` when empty. */
export const componentOf = (segment: Hl7Segment, n: number, component = 1): string | undefined => {
  const field = fieldOf(segment, n);
  const raw = field?.components[0]?.[component - 1] ?? '';
  const value = field === undefined ? '' : unescapeHl7(raw, field.context).trim();
  return nothing(value) ? undefined : value;
};

const withoutTrailingEmpties = (parts: readonly string[]): string[] => {
  let n = parts.length;
  while (n > 0 && parts[n - 1] === '') n--;
  return parts.slice(0, n);
};

/**
 * A whole field as text with the standard delimiters whatever the sender used: components joined
 * with `^`, subcomponents with `&`, repetitions with `~`, each part unescaped; empty trailing
 * parts dropped (HL7 gives them no meaning). `''` when the field is absent or null.
 */
export const textOf = (segment: Hl7Segment, n: number): string => {
  const field = fieldOf(segment, n);
  if (field === undefined) return '';
  const { context } = field;
  const repetitions = field.components.map((components) =>
    withoutTrailingEmpties(
      components.map((component) =>
        withoutTrailingEmpties(component.split(context.subcomponentSeparator).map((part) => unescapeHl7(part, context))).join('&'),
      ),
    ).join('^'),
  );
  const text = withoutTrailingEmpties(repetitions).join('~');
  return nothing(text) ? '' : text;
};

/** MSH-10 of a text that may hold anything, when its header can be read. */
export const controlIdOf = (text: string): string | undefined => {
  const header = headerOf(text);
  return header === undefined ? undefined : componentOf(header.header, 10);
};
