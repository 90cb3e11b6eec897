import type { Hl7Context } from '@medplum/core';

/**
 * Text made safe to put in one HL7 field: the message's own delimiters become escape sequences
 * (`\F\ \S\ \T\ \R\ \E\`) and control characters hex escapes (`\X0D\`), so a reason can never
 * end a field, a segment or the MLLP frame it travels in.
 */
export const escapeHl7 = (text: string, context: Hl7Context): string => {
  const e = context.escapeCharacter;
  const named = new Map([
    [e, 'E'],
    [context.fieldSeparator, 'F'],
    [context.componentSeparator, 'S'],
    [context.subcomponentSeparator, 'T'],
    [context.repetitionSeparator, 'R'],
  ]);
  let escaped = '';
  for (const ch of text) {
    const name = named.get(ch);
    const code = ch.charCodeAt(0);
    if (name !== undefined) escaped += `${e}${name}${e}`;
    else if (code < 0x20 || code === 0x7f) escaped += `${e}X${code.toString(16).toUpperCase().padStart(2, '0')}${e}`;
    else escaped += ch;
  }
  return escaped;
};

const regexpLiteral = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/**
 * A field's text as the sender meant it: delimiter escapes become the characters, `\.br\` a line
 * break, hex escapes their UTF-8 text; highlighting and character-set switches are dropped, and
 * an escape this does not know is kept as sent rather than guessed at.
 */
export const unescapeHl7 = (text: string, context: Hl7Context): string => {
  const e = context.escapeCharacter;
  if (e === '' || !text.includes(e)) return text;
  const sequence = new RegExp(`${regexpLiteral(e)}([^${regexpLiteral(e)}]*)${regexpLiteral(e)}`, 'g');
  return text.replace(sequence, (whole, name: string) => {
    switch (name) {
      case 'F':
        return context.fieldSeparator;
      case 'S':
        return context.componentSeparator;
      case 'T':
        return context.subcomponentSeparator;
      case 'R':
        return context.repetitionSeparator;
      case 'E':
        return e;
      case '.br':
        return '\n';
      case 'H':
      case 'N':
        return '';
      default:
        if (/^X(?:[0-9A-Fa-f]{2})+$/.test(name)) return Buffer.from(name.slice(1), 'hex').toString('utf8');
        if (/^[CM][0-9A-Fa-f]+$/.test(name)) return '';
        return whole;
    }
  });
};
