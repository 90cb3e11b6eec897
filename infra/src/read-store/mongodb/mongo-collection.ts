import { MongoBulkWriteError, MongoServerError, type Collection, type Filter as MongoFilter, type Sort } from 'mongodb';
import {
  decodeCursor,
  encodeCursor,
  type DocumentCollection,
  type Filter,
  type FindQuery,
  type Page,
  type StoredState,
  type Versioned,
  type VersionedWrite,
} from '@hcms/shared-kernel';

/** Stored shape: the document under `doc` (null once removed), with the version it reflects. */
export interface DocRecord {
  _id: string;
  version: number;
  doc: unknown;
}

const DUPLICATE_KEY = 11000;
const MAX_CHAR = '\u{10FFFF}';
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const path = (field: string): string => {
  if (!FIELD.test(field)) throw new Error(`invalid field name ${JSON.stringify(field)}`);
  return `doc.${field}`;
};

/**
 * Flat where it can be (`{ 'doc.mrn': … }`, not `{ $and: [...] }`): FerretDB 1.x hands only
 * top-level equality to PostgreSQL, where an index can serve it; `$and` it filters in memory.
 */
export const toMongoFilter = (filters: readonly Filter[]): MongoFilter<DocRecord> => {
  const flat: Record<string, unknown> = { doc: { $ne: null } };
  const repeated: Record<string, unknown>[] = [];
  for (const f of filters) {
    const at = path(f.field);
    const condition = f.op === 'eq' ? f.value : f.op === 'prefix' ? { $gte: f.value, $lt: f.value + MAX_CHAR } : { [`$${f.op}`]: f.value };
    if (at in flat) repeated.push({ [at]: condition });
    else flat[at] = condition;
  }
  return repeated.length > 0 ? { ...flat, $and: repeated } : flat;
};

/** Requests in flight at once when one call becomes many (FerretDB 1.x has no bulk path worth the name). */
const PARALLEL = 4;
/** Below this, one insert command: a projector's batch is small, and splitting it buys nothing. */
const INSERTS_PER_COMMAND = 250;

/** Stops taking items once one fails: the caller retries the whole call, and nothing runs on behind its back. */
const eachLimited = async <A>(items: readonly A[], act: (item: A) => Promise<void>): Promise<void> => {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (next < items.length && !failed) {
      const item = items[next++];
      try {
        if (item !== undefined) await act(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, lane));
};

export class MongoCollection<T> implements DocumentCollection<T> {
  constructor(private readonly col: Collection<DocRecord>) {}

  async get(id: string): Promise<Versioned<T> | undefined> {
    const found = await this.col.findOne({ _id: id });
    return found && found.doc !== null ? { id, version: found.version, doc: found.doc as T } : undefined;
  }

  /** By id, a few at a time: FerretDB 1.x filters `$in` in memory, over the whole collection. */
  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, StoredState<T>>> {
    const found = new Map<string, StoredState<T>>();
    await eachLimited(ids, async (id) => {
      const row = await this.col.findOne({ _id: id });
      if (row) found.set(id, { version: row.version, doc: row.doc as T | null });
    });
    return found;
  }

  async put(id: string, doc: T, version: number): Promise<boolean> {
    return this.write(id, doc, version);
  }

  async remove(id: string, version: number): Promise<boolean> {
    return this.write(id, null, version);
  }

  /**
   * Update guarded by version; when nothing matched, the document is new or already newer: an
   * insert tells which (a duplicate key means newer). No upsert: an upsert whose filter misses
   * is slow on some MongoDB-wire servers, and this is as safe.
   */
  private async write(id: string, doc: unknown, version: number): Promise<boolean> {
    const updated = await this.col.updateOne({ _id: id, version: { $lt: version } }, { $set: { version, doc } });
    if (updated.matchedCount > 0) return true;
    try {
      await this.col.insertOne({ _id: id, version, doc });
      return true;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /**
   * New documents in one unordered insert; updates guarded by version, a few at a time (a large
   * mixed bulkWrite exhausts FerretDB 1.x's connections and hangs it). Where the caller's belief of
   * what is stored was wrong (an insert met a stored copy, an update matched nothing), the write is
   * redone on its own, still guarded.
   */
  async putMany(items: readonly VersionedWrite<T>[]): Promise<void> {
    const isNew = (item: VersionedWrite<T>) => item.stored === 0;
    const redo: VersionedWrite<T>[] = [];
    const inserts = items.filter(isNew);
    // FerretDB inserts a command's documents one after another: a large load (a rebuild, a
    // catch-up) goes out as a few commands at once, so PostgreSQL works on them in parallel.
    const size = Math.max(INSERTS_PER_COMMAND, Math.ceil(inserts.length / PARALLEL));
    const parts = Array.from({ length: Math.ceil(inserts.length / size) }, (_, i) => inserts.slice(i * size, (i + 1) * size));
    await eachLimited(parts, async (part) => {
      try {
        await this.col.insertMany(
          part.map((item) => ({ _id: item.id, version: item.version, doc: item.doc })),
          { ordered: false },
        );
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors: unknown = error.writeErrors;
        const failed = (Array.isArray(errors) ? errors : [errors]) as readonly { readonly code: number; readonly index: number }[];
        if (failed.some((e) => e.code !== DUPLICATE_KEY)) throw error;
        redo.push(...failed.flatMap((e) => part[e.index] ?? []));
      }
    });
    await eachLimited(
      items.filter((item) => !isNew(item)),
      async (item) => {
        const updated = await this.col.updateOne(
          { _id: item.id, version: { $lt: item.version } },
          { $set: { version: item.version, doc: item.doc } },
        );
        if (updated.matchedCount === 0) redo.push(item);
      },
    );
    for (const item of redo) await this.write(item.id, item.doc, item.version);
  }

  async find(query: FindQuery): Promise<Page<T>> {
    const sortPath = query.sort ? path(query.sort.field) : '_id';
    const dir = query.sort?.direction === 'desc' ? -1 : 1;
    const filter = toMongoFilter(query.where ?? []) as { $and?: Record<string, unknown>[] };
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor) {
      const cmp = dir === 1 ? '$gt' : '$lt';
      const after =
        sortPath === '_id'
          ? { _id: { [cmp]: cursor.id } }
          : { $or: [{ [sortPath]: { [cmp]: cursor.value } }, { [sortPath]: cursor.value, _id: { [cmp]: cursor.id } }] };
      filter.$and = [...(filter.$and ?? []), after];
    }
    const sort: Sort = sortPath === '_id' ? { _id: dir } : { [sortPath]: dir, _id: dir };
    const rows = await this.col
      .find(filter as MongoFilter<DocRecord>)
      .sort(sort)
      .limit(query.limit + 1)
      .toArray();
    const items = rows.slice(0, query.limit).map((r) => ({ id: r._id, version: r.version, doc: r.doc as T }));
    const last = rows[query.limit - 1];
    if (rows.length <= query.limit || !last) return { items };
    const value = sortPath === '_id' ? last._id : valueAt(last.doc, query.sort?.field ?? '');
    return { items, next: encodeCursor({ value, id: last._id }) };
  }

  async count(filters: readonly Filter[] = []): Promise<number> {
    return this.col.countDocuments(toMongoFilter(filters));
  }
}

const valueAt = (doc: unknown, field: string): string | number | boolean | null => {
  const value = field
    .split('.')
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), doc);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
};
