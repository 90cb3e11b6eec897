import type { StoredEvent } from '@hcms/shared-kernel';

export interface EventRow {
  readonly position: number;
  readonly id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly recorded_at: string;
  readonly data: string;
  readonly metadata: string;
}

export const EVENTS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    stream_id   TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    UNIQUE (stream_id, version)
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

export const COLUMNS = 'position, id, stream_id, version, type, recorded_at, data, metadata';

/** Rows are what we wrote; the metadata's shape is checked where events are decoded for use. */
export const toStoredEvent = (row: EventRow): StoredEvent => ({
  id: row.id,
  type: row.type,
  streamId: row.stream_id,
  version: row.version,
  position: row.position,
  recordedAt: row.recorded_at,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as StoredEvent['metadata'],
});
