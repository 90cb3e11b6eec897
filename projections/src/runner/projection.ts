import type { IndexSpec, StoredEvent } from '@hcms/shared-kernel';

/**
 * A read model: which events it needs and how each changes one document.
 * One document per source stream, so the event's stream version guards against replays.
 */
export interface Projection<Doc> {
  /** Also the name of its collection and of its checkpoint. */
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
  /** The document this event changes, or undefined when the projection does not care. */
  readonly documentOf: (event: StoredEvent) => string | undefined;
  /** Pure: the next document, or null to remove it. */
  readonly evolve: (doc: Doc | null, event: StoredEvent) => Doc | null;
  /**
   * Read by id right after a write (read-your-writes): its projector announces what it wrote, and
   * query processes answer from what they heard instead of asking the read store.
   */
  readonly mirrored?: boolean;
}

/** `documentOf` for read models with one document per stream `<prefix><id>`: the id after the prefix. */
export const documentPerStream =
  (prefix: string) =>
  (event: StoredEvent): string | undefined =>
    event.streamId.startsWith(prefix) ? event.streamId.slice(prefix.length) : undefined;
