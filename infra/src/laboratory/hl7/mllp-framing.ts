/** MLLP's frame: VT, the message, FS CR. */
export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

export const mllpFrame = (text: string): Buffer => Buffer.concat([Buffer.from([VT]), Buffer.from(text, 'utf8'), Buffer.from([FS, CR])]);

export type MllpFrameEvent =
  /** A whole frame's content. */
  | { readonly kind: 'frame'; readonly content: Buffer }
  /** A frame longer than allowed: its start (to find its control id), the rest skipped up to its FS. */
  | { readonly kind: 'oversized'; readonly head: Buffer };

/** Enough of an oversized frame to hold its MSH. */
const HEAD_BYTES = 4096;

/**
 * Cuts a connection's byte stream into frames, however TCP split or joined them: several frames
 * in one chunk, a frame over many chunks. Bytes between frames are noise and dropped (the CR
 * after FS among them); a VT inside a frame means the sender gave that frame up and started
 * again. Each chunk is scanned once, so a large frame costs no more than its size.
 */
export const mllpDeframer = (maxFrameBytes: number) => {
  let state: 'between' | 'inside' | 'skipping' = 'between';
  let parts: Buffer[] = [];
  let size = 0;
  const enter = (next: typeof state) => {
    state = next;
    parts = [];
    size = 0;
  };

  return (chunk: Buffer): MllpFrameEvent[] => {
    const events: MllpFrameEvent[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (state === 'between') {
        const start = chunk.indexOf(VT, at);
        if (start < 0) break;
        enter('inside');
        at = start + 1;
        continue;
      }
      const end = chunk.indexOf(FS, at);
      const restart = chunk.indexOf(VT, at);
      if (restart >= 0 && (end < 0 || restart < end)) {
        enter('inside');
        at = restart + 1;
        continue;
      }
      const piece = chunk.subarray(at, end < 0 ? chunk.length : end);
      if (state === 'inside' && size + piece.length > maxFrameBytes) {
        events.push({ kind: 'oversized', head: Buffer.concat([...parts, piece], Math.min(HEAD_BYTES, size + piece.length)) });
        enter('skipping');
      } else if (state === 'inside') {
        parts.push(piece);
        size += piece.length;
      }
      if (end < 0) break;
      if (state === 'inside') events.push({ kind: 'frame', content: Buffer.concat(parts, size) });
      enter('between');
      at = end + 1;
    }
    return events;
  };
};
