import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Durability } from '../event-store/sqlite/sqlite-database.js';
import { AUDIT_SCHEMA, type EntryRow, type WriterReply, type WriterRequest } from './audit-schema.js';

/**
 * The audit log's writer, on a thread of its own: each batch is one transaction, and its fsync
 * waits here instead of stalling every request of the process behind it.
 */
const { path, durability } = workerData as { path: string; durability: Durability };
const db = openDatabase(path, durability);
db.exec(AUDIT_SCHEMA);
const insertEntry = db.prepare<[string, string, string | null, string, string], void>(
  'INSERT INTO audit_entries (audit_id, recorded_at, subject, outcome, entry) VALUES (?, ?, ?, ?, ?)',
);
const insertPatient = db.prepare<[string, number], void>('INSERT OR IGNORE INTO audit_patients (patient_id, sequence) VALUES (?, ?)');
const commit = db.transaction((rows: readonly EntryRow[]) =>
  rows.map((row) => {
    const sequence = Number(insertEntry.run(row.auditId, row.recordedAt, row.subject, row.outcome, row.json).lastInsertRowid);
    for (const patientId of row.patientIds) insertPatient.run(patientId, sequence);
    return sequence;
  }),
);

parentPort?.on('message', (request: WriterRequest) => {
  if ('close' in request) {
    db.close();
    parentPort?.close();
    return;
  }
  let reply: WriterReply;
  try {
    reply = { batch: request.batch, sequences: commit(request.rows) };
  } catch (error) {
    reply = { batch: request.batch, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
