/** A JSON document with the version of the last event applied to it. */
export interface Versioned<T> {
  readonly id: string;
  readonly version: number;
  readonly doc: T;
}

export type Scalar = string | number | boolean;

export type Filter =
  | { readonly field: string; readonly op: 'eq'; readonly value: Scalar }
  | { readonly field: string; readonly op: 'gt' | 'gte' | 'lt' | 'lte'; readonly value: string | number }
  /** Case-insensitive prefix of a string field. */
  | { readonly field: string; readonly op: 'prefix'; readonly value: string };

export interface FindQuery {
  readonly where?: readonly Filter[];
  /** Ties are broken by id, so pagination is stable. Default: by id. */
  readonly sort?: { readonly field: string; readonly direction: 'asc' | 'desc' };
  readonly limit: number;
  /** The `next` cursor of the previous page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly Versioned<T>[];
  /** Present when there may be more items. */
  readonly next?: string;
}

export interface IndexSpec {
  /** Dotted paths into the document, e.g. `['familyNameLower', 'givenNameLower']`. */
  readonly fields: readonly string[];
}

export interface VersionedWrite<T> {
  readonly id: string;
  readonly doc: T | null;
  readonly version: number;
  /**
   * The version the writer believes is stored (0: nothing, not even a removal). A hint that lets
   * an adapter insert or update without finding out first; the write must stay correct when wrong.
   */
  readonly stored?: number;
}

/** What is stored under an id: a document, or its removal (`doc` null) with the version it happened at. */
export interface StoredState<T> {
  readonly version: number;
  readonly doc: T | null;
}

export interface DocumentCollection<T> {
  get(id: string): Promise<Versioned<T> | undefined>;
  /** What is stored under each id, removals included, in one round trip; absent ids are left out. */
  getMany(ids: readonly string[]): Promise<ReadonlyMap<string, StoredState<T>>>;
  /**
   * Store `doc` as of `version` unless the stored copy is already at that version or later.
   * Returns whether it was written: this is what makes projections idempotent.
   */
  put(id: string, doc: T, version: number): Promise<boolean>;
  /** Remove the document, remembering `version` so an older event cannot bring it back. */
  remove(id: string, version: number): Promise<boolean>;
  /**
   * Many writes at once (a projection's batch, a rebuild), each guarded by its version as `put` is;
   * a null doc removes. Each write's `stored` hint lets an adapter insert or update directly.
   */
  putMany(items: readonly VersionedWrite<T>[]): Promise<void>;
  find(query: FindQuery): Promise<Page<T>>;
  count(where?: readonly Filter[]): Promise<number>;
}

/** Where read models live: collections of JSON documents. */
export interface ReadStore {
  /**
   * The collection, with at least `indexes` (those missing are created, also on a collection that
   * holds documents already: a rebuild loads first and indexes after).
   */
  collection<T>(name: string, indexes?: readonly IndexSpec[]): Promise<DocumentCollection<T>>;
  /** Delete a collection and its documents (rebuilds, tests). */
  drop(name: string): Promise<void>;
  /**
   * Leaves no old copy of a removed or rewritten document where the store can reach it (an
   * erasure): a SQLite file, which overwrites freed pages, moves its WAL back in and truncates it.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** Every document matching `where`, read page by page (ties broken by id, so no page skips or repeats one). */
export const everyMatch = async <T>(
  collection: DocumentCollection<T>,
  where: readonly Filter[] = [],
  pageSize = 500,
): Promise<Versioned<T>[]> => {
  const found: Versioned<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.find({ where, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) });
    found.push(...page.items);
    cursor = page.next;
  } while (cursor !== undefined);
  return found;
};
