/** Cursors are base64url JSON `[sortValue, id]`; anything else is a client error. */
export const decodeCursor = (text: string): boolean => {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string';
  } catch {
    return false;
  }
};
