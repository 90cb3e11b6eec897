import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import type { MessageBus, ParkedEvent } from '@hcms/shared-kernel';
import { CHANGES_SUBJECT, type DocumentChanges } from './recent-documents.js';

/** How far a read model has got, as its runner knows it. */
export interface Progress {
  readonly name: string;
  /** The last position whose events are all applied: never past a parked one. */
  readonly position: number;
  /** Every event up to here was handled or parked. */
  readonly handled: number;
  /** Events set aside after their retries, oldest first; reads at or past one answer an error. */
  readonly parked: readonly ParkedEvent[];
  /** Where its documents are: a read that waited for a position must look there. */
  readonly collection?: string;
}

/** The subject projectors announce their read models' progress on. */
export const PROGRESS_SUBJECT = 'read-model-progress';

const ParkedCodec = t.intersection([
  t.type({
    eventId: t.string,
    type: t.string,
    streamId: t.string,
    version: t.number,
    position: t.number,
    error: t.string,
    attempts: t.number,
    parkedAt: t.string,
  }),
  t.partial({ patientId: t.string }),
]);

const ProgressCodec = t.intersection([
  t.type({ name: t.string, position: t.number, handled: t.number, parked: t.readonlyArray(ParkedCodec) }),
  t.partial({ collection: t.string }),
]);

const AnnouncementCodec = t.type({ readModels: t.readonlyArray(ProgressCodec) });

/** What an announcement says, or nothing when it is not one (a bus is an input like any other). */
export const heardProgress = (body: unknown): readonly Progress[] => {
  const decoded = AnnouncementCodec.decode(body);
  return isRight(decoded) ? decoded.right.readModels : [];
};

/**
 * Tells other processes how far this one's read models have got, as soon as a batch is applied:
 * a read waiting for its write in another process settles on it, instead of polling records that
 * are saved only now and then. Messages go out at most every `everyMs`: a move after a quiet spell
 * at once, moves within the interval of the last message together when it ends.
 */
export class ProgressAnnouncer {
  private readonly changed = new Map<string, Progress>();
  private readonly written = new Map<string, DocumentChanges>();
  private timer: NodeJS.Timeout | undefined;
  private lastSent = -Infinity;

  constructor(
    private readonly bus: Pick<MessageBus, 'announce'>,
    // Measured at 250 registrations/s: every 2 ms sent a message per batch of each read model, and
    // the listeners' work on them cost more latency than waiting 10 ms for the batches to gather.
    private readonly everyMs = 10,
    private readonly maxDocs = 200,
  ) {}

  moved(progress: Progress): void {
    this.changed.set(progress.name, progress);
    // Even at once it waits for the timer: read models whose batches end in the same turn share a message.
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.lastSent + this.everyMs - performance.now()));
  }

  /**
   * The documents a mirrored read model wrote, told with its next move. Stretches that follow one
   * another go out as one (each id once, its latest); past `maxDocs` ids the documents are left out,
   * which tells hearers to forget what they heard (a catch-up writes more than is worth sending).
   * A stretch after one left incomplete replaces it: hearers see the numbers jump, and forget as well.
   */
  wrote(changes: DocumentChanges): void {
    const before = this.written.get(changes.name);
    const follows =
      before?.complete === true &&
      before.collection === changes.collection &&
      before.epoch === changes.epoch &&
      changes.fromSeq === before.toSeq + 1;
    const joined = follows ? { ...changes, fromSeq: before.fromSeq, ...merged(before, changes) } : changes;
    const size = joined.docs.length + joined.forget.length;
    this.written.set(changes.name, size > this.maxDocs ? { ...joined, docs: [], forget: [], complete: false } : joined);
  }

  private flush(): void {
    this.timer = undefined;
    this.lastSent = performance.now();
    const readModels = [...this.changed.values()];
    const changes = [...this.written.values()];
    this.changed.clear();
    this.written.clear();
    if (changes.length > 0) void this.bus.announce(CHANGES_SUBJECT, { changes });
    void this.bus.announce(PROGRESS_SUBJECT, { readModels });
  }
}

/** Two stretches' writes as one: each id once, as the later one left it. */
const merged = (earlier: DocumentChanges, later: DocumentChanges): Pick<DocumentChanges, 'docs' | 'forget' | 'complete'> => {
  type Entry = DocumentChanges['docs'][number] | { readonly id: string; readonly forget: true };
  const entries = new Map<string, Entry>();
  for (const stretch of [earlier, later]) {
    for (const id of stretch.forget) entries.set(id, { id, forget: true });
    for (const doc of stretch.docs) entries.set(doc.id, doc);
  }
  const all = [...entries.values()];
  return {
    docs: all.filter((e): e is DocumentChanges['docs'][number] => !('forget' in e)),
    forget: all.filter((e) => 'forget' in e).map((e) => e.id),
    complete: later.complete,
  };
};
