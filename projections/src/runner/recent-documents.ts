import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import type { Consumer, MessageBus, StoredState } from '@hcms/shared-kernel';

/** The subject projectors announce the documents they wrote on (mirrored read models only). */
export const CHANGES_SUBJECT = 'read-model-changes';

/**
 * What one runner of a read model wrote in its stretches `fromSeq`..`toSeq` (numbered from its
 * start, `epoch` naming that start), up to log position `to`: each document it wrote there, its
 * latest; and the ids it wrote but cannot vouch for (the read store may hold a later version: a
 * re-applied event after a restart). Not `complete`: documents were left out for room.
 */
export interface DocumentChanges {
  readonly name: string;
  readonly collection: string;
  readonly epoch: string;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly to: number;
  readonly docs: readonly { readonly id: string; readonly version: number; readonly doc: unknown }[];
  readonly forget: readonly string[];
  readonly complete: boolean;
}

const ChangesCodec = t.type({
  name: t.string,
  collection: t.string,
  epoch: t.string,
  fromSeq: t.number,
  toSeq: t.number,
  to: t.number,
  docs: t.readonlyArray(t.type({ id: t.string, version: t.number, doc: t.unknown })),
  forget: t.readonlyArray(t.string),
  complete: t.boolean,
});

const AnnouncementCodec = t.type({ changes: t.readonlyArray(ChangesCodec) });

/** What an announcement says, or nothing when it is not one. */
export const heardChanges = (body: unknown): readonly DocumentChanges[] => {
  const decoded = AnnouncementCodec.decode(body);
  return isRight(decoded) ? decoded.right.changes : [];
};

/** What one process has heard of one read model's runner since an unbroken run of its stretches began. */
interface Mirror {
  readonly collection: string;
  readonly epoch: string;
  seq: number;
  to: number;
  readonly docs: Map<string, StoredState<unknown>>;
}

/**
 * The documents of mirrored read models as their projector last wrote them, heard in its
 * announcements, so a query answers a read by id without a round trip to the read store. Only what
 * is known to be the latest is answered: a document written in the unbroken run of stretches heard
 * from one runner, when that run reaches the position the reader waited for, in the collection
 * readers use. Anything else (a document not written since, one set aside for room or forgotten, a
 * run broken by a lost announcement, a restarted projector) is left to the read store.
 */
export class RecentDocuments {
  private readonly mirrors = new Map<string, Mirror>();

  constructor(private readonly capacity = 20_000) {}

  async follow(bus: Pick<MessageBus, 'listen'>): Promise<Consumer> {
    return bus.listen(CHANGES_SUBJECT, (body) => heardChanges(body).forEach((changes) => this.take(changes)));
  }

  /** Stretches that follow the last heard continue the run; any other starts one afresh. */
  take(changes: DocumentChanges): void {
    const mirror = this.mirrors.get(changes.name);
    const continues =
      mirror !== undefined &&
      changes.complete &&
      mirror.collection === changes.collection &&
      mirror.epoch === changes.epoch &&
      changes.fromSeq === mirror.seq + 1;
    const fresh = (): Mirror => ({
      collection: changes.collection,
      epoch: changes.epoch,
      seq: 0,
      to: 0,
      docs: new Map<string, StoredState<unknown>>(),
    });
    const next = continues ? mirror : fresh();
    for (const id of changes.forget) next.docs.delete(id);
    if (changes.complete) {
      for (const { id, version, doc } of changes.docs) {
        next.docs.delete(id); // the latest write goes last, and the oldest first when room is made
        next.docs.set(id, { version, doc });
      }
    }
    for (const id of next.docs.keys()) {
      if (next.docs.size <= this.capacity) break;
      next.docs.delete(id); // deleting the entry in hand does not disturb the iteration
    }
    next.seq = changes.toSeq;
    next.to = changes.to;
    this.mirrors.set(changes.name, next);
  }

  /**
   * The document `id` of `name` in `collection` as of a position at or past `position`, removals
   * included, when this process knows it to be the latest; undefined when the read store must say.
   */
  latest(name: string, collection: string, id: string, position: number): StoredState<unknown> | undefined {
    const mirror = this.mirrors.get(name);
    if (!mirror || mirror.collection !== collection || mirror.to < position) return undefined;
    return mirror.docs.get(id);
  }
}
