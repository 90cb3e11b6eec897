import {
  MongoBulkWriteError,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Filter as MongoFilter,
  type Sort,
} from 'mongodb';
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

export const toMongoFilter = (filters: readonly Filter[]): MongoFilter<DocRecord> => {
  const clauses: Record<string, unknown>[] = [{ doc: { $ne: null } }];
  for (const f of filters) {
    const at = path(f.field);
    if (f.op === 'eq') clauses.push({ [at]: f.value });
    else if (f.op === 'prefix') clauses.push({ [at]: { $gte: f.value, $lt: f.value + MAX_CHAR } });
    else clauses.push({ [at]: { [`$${f.op}`]: f.value } });
  }
  return { $and: clauses };
};

export class MongoCollection<T> implements DocumentCollection<T> {
  constructor(private readonly col: Collection<DocRecord>) {}

  async get(id: string): Promise<Versioned<T> | undefined> {
    const found = await this.col.findOne({ _id: id });
    return found && found.doc !== null ? { id, version: found.version, doc: found.doc as T } : undefined;
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, StoredState<T>>> {
    if (ids.length === 0) return new Map();
    const rows = await this.col.find({ _id: { $in: [...ids] } }).toArray();
    return new Map(rows.map((r) => [r._id, { version: r.version, doc: r.doc as T | null }]));
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
   * One unordered bulk write: an insert where nothing is believed stored, else an update guarded by
   * version. Where a belief was wrong (an insert met a stored copy, or fewer updates matched than
   * were sent: absent, or already newer), those writes are redone one by one, each still guarded.
   */
  async putMany(items: readonly VersionedWrite<T>[], options: { readonly assumeNew?: boolean } = {}): Promise<void> {
    if (items.length === 0) return;
    const isNew = (item: VersionedWrite<T>) => options.assumeNew === true || item.stored === 0;
    const operations = items.map((item): AnyBulkWriteOperation<DocRecord> =>
      isNew(item)
        ? { insertOne: { document: { _id: item.id, version: item.version, doc: item.doc } } }
        : {
            updateOne: {
              filter: { _id: item.id, version: { $lt: item.version } },
              update: { $set: { version: item.version, doc: item.doc } },
            },
          },
    );
    const updates = items.filter((item) => !isNew(item));
    let redo: VersionedWrite<T>[];
    try {
      const result = await this.col.bulkWrite(operations, { ordered: false });
      redo = result.matchedCount < updates.length ? updates : [];
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors: unknown = error.writeErrors;
      const failed = (Array.isArray(errors) ? errors : [errors]) as readonly { readonly code: number; readonly index: number }[];
      if (failed.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      const taken = failed.flatMap((e) => items[e.index] ?? []);
      redo = [...taken, ...(error.result.matchedCount < updates.length ? updates : [])];
    }
    for (const item of redo) await this.write(item.id, item.doc, item.version);
  }

  async find(query: FindQuery): Promise<Page<T>> {
    const sortPath = query.sort ? path(query.sort.field) : '_id';
    const dir = query.sort?.direction === 'desc' ? -1 : 1;
    const filter = toMongoFilter(query.where ?? []) as { $and: Record<string, unknown>[] };
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor) {
      const cmp = dir === 1 ? '$gt' : '$lt';
      filter.$and.push({ $or: [{ [sortPath]: { [cmp]: cursor.value } }, { [sortPath]: cursor.value, _id: { [cmp]: cursor.id } }] });
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
