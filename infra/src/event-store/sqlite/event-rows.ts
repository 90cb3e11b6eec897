import type { StoredEvent } from '@hcms/shared-kernel';
import { appendOnly } from './append-only.js';

/** A row as an array in COLUMNS order: raw mode skips building an object per row. */
export type EventRow = readonly [
  position: number,
  id: string,
  streamId: string,
  version: number,
  type: string,
  recordedAt: string,
  data: string,
  metadata: string,
];

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
  CREATE TABLE IF NOT EXISTS log_identity (
    only       INTEGER PRIMARY KEY CHECK (only = 1),
    id         TEXT    NOT NULL,
    started_at TEXT    NOT NULL
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) WITHOUT ROWID;
  ${appendOnly('events', 'the event log')}
  ${appendOnly('log_identity', 'the event log')}
`;

export const COLUMNS = 'position, id, stream_id, version, type, recorded_at, data, metadata';

/** Rows are what we wrote; the metadata's shape is checked where events are decoded for use. */
export const toStoredEvent = ([position, id, streamId, version, type, recordedAt, data, metadata]: EventRow): StoredEvent => ({
  id,
  type,
  streamId,
  version,
  position,
  recordedAt,
  data: JSON.parse(data) as unknown,
  metadata: JSON.parse(metadata) as StoredEvent['metadata'],
});
