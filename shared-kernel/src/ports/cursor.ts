export interface Cursor {
  readonly value: string | number | boolean | null;
  readonly id: string;
}

/** Pagination cursors of the ReadStore port: opaque to clients, the sort value and id of the last item of the previous page. */
export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');

export const decodeCursor = (text: string): Cursor | undefined => {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const value = parsed[0] as unknown;
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
        return { value: value as Cursor['value'], id: parsed[1] };
    }
  } catch {
    // fall through: a malformed cursor is the caller's error
  }
  return undefined;
};
