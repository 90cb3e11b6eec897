import { EventEmitter } from 'node:events';

export interface LoggedEvent {
  readonly id: string;
  readonly streamName: Buffer;
  readonly revision: bigint;
  readonly position: bigint;
  readonly metadata: ReadonlyMap<string, string>;
  readonly customMetadata: Uint8Array;
  readonly data: Uint8Array;
}

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: bigint | undefined; readonly position: bigint | undefined }
  | { readonly ok: false; readonly currentRevision: bigint | undefined };

export interface Proposed {
  readonly id: string;
  readonly metadata: ReadonlyMap<string, string>;
  readonly customMetadata: Uint8Array;
  readonly data: Uint8Array;
}

/** Positions grow by the size of a record, as EventStoreDB's log positions do: never contiguous. */
const RECORD_SPACING = 137n;

/** The log behind the test server: every stream and the global order. */
export class InMemoryLog {
  readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly appended = new EventEmitter();

  constructor() {
    this.appended.setMaxListeners(0);
  }

  stream(name: Buffer): readonly LoggedEvent[] | undefined {
    return this.streams.get(name.toString('hex'));
  }

  onAppend(listener: () => void): () => void {
    this.appended.on('append', listener);
    return () => this.appended.off('append', listener);
  }

  append(name: Buffer, expected: Expected, proposed: readonly Proposed[]): AppendOutcome {
    const key = name.toString('hex');
    const existing = this.streams.get(key) ?? [];
    const current = existing.length === 0 ? undefined : BigInt(existing.length - 1);
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!matches) {
      // The same events appended again after a lost answer: EventStoreDB answers success.
      if (expected.kind === 'revision' || expected.kind === 'no_stream') {
        const from = expected.kind === 'no_stream' ? 0 : Number(expected.revision) + 1;
        const again = existing.slice(from, from + proposed.length);
        if (proposed.length > 0 && again.length === proposed.length && again.every((e, i) => e.id === proposed[i]?.id)) {
          const last = again[again.length - 1];
          return { ok: true, currentRevision: last?.revision, position: last?.position };
        }
      }
      return { ok: false, currentRevision: current };
    }
    let last: LoggedEvent | undefined;
    for (const p of proposed) {
      const previous = this.all[this.all.length - 1];
      last = {
        ...p,
        streamName: name,
        revision: BigInt(existing.length),
        position: (previous?.position ?? 1000n) + RECORD_SPACING,
      };
      existing.push(last);
      this.all.push(last);
    }
    this.streams.set(key, existing);
    if (last) this.appended.emit('append');
    return { ok: true, currentRevision: last?.revision ?? current, position: last?.position };
  }
}
