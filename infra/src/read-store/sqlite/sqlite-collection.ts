import type Database from 'better-sqlite3';
import {
  decodeCursor,
  encodeCursor,
  type DocumentCollection,
  type Filter,
  type FindQuery,
  type IndexSpec,
  type Page,
  type StoredState,
  type Versioned,
  type VersionedWrite,
} from '@hcms/shared-kernel';

interface DocRow {
  readonly id: string;
  readonly version: number;
  readonly doc: string;
  readonly sort_value?: string | number | null;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// json_extract paths are built from field names, never from values: reject anything unusual.
const field = (name: string): string => {
  if (!FIELD.test(name)) throw new Error(`invalid field name ${JSON.stringify(name)}`);
  return `json_extract(doc, '$.${name}')`;
};
const MAX_CHAR = '\u{10FFFF}';

/** One table per collection: `(id, version, doc)`, a NULL doc being a tombstone. */
export class SqliteCollection<T> implements DocumentCollection<T> {
  private readonly stmt;
  private readonly indexed = new Set<string>();

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    indexes: readonly IndexSpec[],
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT) WITHOUT ROWID`);
    this.index(indexes);
    this.stmt = {
      get: db.prepare<[string], DocRow>(`SELECT id, version, doc FROM "${table}" WHERE id = ? AND doc IS NOT NULL`),
      getMany: db.prepare<[string], Omit<DocRow, 'doc'> & { doc: string | null }>(
        `SELECT id, version, doc FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      put: db.prepare(
        `INSERT INTO "${table}" (id, version, doc) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, doc = excluded.doc WHERE excluded.version > "${table}".version`,
      ),
    };
  }

  /**
   * Creates the indexes it does not have yet (a rebuild indexes after loading). Asked on every
   * query for a read model's collection, so each is created once and then only looked up.
   */
  index(indexes: readonly IndexSpec[]): void {
    for (const index of indexes) {
      const name = `${this.table}__${index.fields.join('_').replace(/\./g, '_')}`;
      if (this.indexed.has(name)) continue;
      this.db.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON "${this.table}" (${index.fields.map(field).join(', ')})`);
      this.indexed.add(name);
    }
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    const row = this.stmt.get.get(id);
    return row && { id: row.id, version: row.version, doc: JSON.parse(row.doc) as T };
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, StoredState<T>>> {
    const rows = ids.length === 0 ? [] : this.stmt.getMany.all(JSON.stringify(ids));
    return new Map(rows.map((r) => [r.id, { version: r.version, doc: r.doc === null ? null : (JSON.parse(r.doc) as T) }]));
  }

  async put(id: string, doc: T, version: number): Promise<boolean> {
    return this.stmt.put.run(id, version, JSON.stringify(doc)).changes > 0;
  }

  async remove(id: string, version: number): Promise<boolean> {
    return this.stmt.put.run(id, version, null).changes > 0;
  }

  async putMany(items: readonly VersionedWrite<T>[]): Promise<void> {
    this.db.transaction(() => {
      for (const item of items) this.stmt.put.run(item.id, item.version, item.doc === null ? null : JSON.stringify(item.doc));
    })();
  }

  async find(query: FindQuery): Promise<Page<T>> {
    const where = this.conditions(query.where ?? []);
    const sortExpr = query.sort ? field(query.sort.field) : 'id';
    const desc = query.sort?.direction === 'desc';
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor) {
      const cmp = desc ? '<' : '>';
      // By id alone, the plain comparison lets the primary key serve it.
      if (query.sort) {
        where.sql.push(`(${sortExpr} ${cmp} ? OR (${sortExpr} = ? AND id ${cmp} ?))`);
        where.params.push(cursor.value, cursor.value, cursor.id);
      } else {
        where.sql.push(`id ${cmp} ?`);
        where.params.push(cursor.id);
      }
    }
    const dir = desc ? 'DESC' : 'ASC';
    const rows = this.db
      .prepare<unknown[], DocRow>(
        `SELECT id, version, doc, ${sortExpr} AS sort_value FROM "${this.table}"
         WHERE ${where.sql.join(' AND ')} ORDER BY ${sortExpr} ${dir}, id ${dir} LIMIT ?`,
      )
      .all(...where.params, query.limit + 1);
    const items = rows.slice(0, query.limit).map((r) => ({ id: r.id, version: r.version, doc: JSON.parse(r.doc) as T }));
    const last = rows[query.limit - 1];
    return rows.length > query.limit && last ? { items, next: encodeCursor({ value: last.sort_value ?? null, id: last.id }) } : { items };
  }

  async count(filters: readonly Filter[] = []): Promise<number> {
    const where = this.conditions(filters);
    const row = this.db
      .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM "${this.table}" WHERE ${where.sql.join(' AND ')}`)
      .get(...where.params);
    return row?.n ?? 0;
  }

  private conditions(filters: readonly Filter[]): { sql: string[]; params: unknown[] } {
    const sql = ['doc IS NOT NULL'];
    const params: unknown[] = [];
    const ops = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    for (const f of filters) {
      if (f.op === 'prefix') {
        sql.push(`${field(f.field)} >= ? AND ${field(f.field)} < ?`);
        params.push(f.value, f.value + MAX_CHAR);
      } else {
        sql.push(`${field(f.field)} ${ops[f.op]} ?`);
        params.push(typeof f.value === 'boolean' ? Number(f.value) : f.value);
      }
    }
    return { sql, params };
  }
}
