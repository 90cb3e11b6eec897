import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteAuditLog } from '../audit/sqlite-audit-log.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { exportRecord } from '../integrity/export/exporter.js';
import { verifyExport } from '../integrity/export/verify-export.js';
import { Sealer } from '../integrity/sealer.js';
import { SqliteSealStore } from '../integrity/sqlite-seal-store.js';
import { ShreddingEventStore } from '../privacy/shredding-event-store.js';
import { SqlitePatientKeys } from '../privacy/sqlite-patient-keys.js';
import { PERSONAL_DATA } from '../roles/contexts.js';
import { systemClock } from '../system/system-clock.js';
import { newEvent } from '../testing/fixtures.js';
import { fmt, percentile, rate, ratio, timed, type Row } from './measure.js';

const PAYLOAD = { text: 'x'.repeat(380), n: 1 }; // ~500 bytes of JSON with the envelope
const RATE = 1000; // events/s
const SECONDS = 15;
const TICK_MS = 10;
const PRELOAD = 100_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The seal: how far a signed checkpoint trails an append under a steady 1,000 events/s (the time
 * from an append's acknowledgement until a checkpoint covering it is signed), then how fast a
 * complete export is written and verified.
 */
export const benchIntegrity = async (dir: string): Promise<Row[]> => {
  const store = new SqliteEventStore(openDatabase(join(dir, 'seal-events.db'), 'full'), systemClock);
  const auditLog = SqliteAuditLog.open(join(dir, 'seal-audit.db'), 'full');
  const seal = SqliteSealStore.open(join(dir, 'seal.db'));
  const { privateKey: key } = generateKeyPairSync('ed25519');
  const sealer = await Sealer.start({ seal, key, store, auditLog, clock: systemClock, origin: 'bench.hcms' });
  const events = sealer.logs.events;

  // Appends paced at RATE (a batch of concurrent single-event appends every tick), and the moment each is acknowledged.
  const acked: { position: number; at: number }[] = [];
  // When each size was first covered by a signed checkpoint, watched every millisecond from the start.
  const signed: { size: number; at: number }[] = [];
  let appending = true;
  const watching = (async () => {
    while (appending || events.status.signedSize < acked.length) {
      const { signedSize } = events.status;
      if (signedSize !== signed.at(-1)?.size) signed.push({ size: signedSize, at: performance.now() });
      await sleep(1);
    }
    signed.push({ size: events.status.signedSize, at: performance.now() });
  })();
  const perTick = (RATE * TICK_MS) / 1000;
  const start = performance.now();
  const appends: Promise<void>[] = [];
  for (let tick = 0; tick < (SECONDS * 1000) / TICK_MS; tick++) {
    for (let i = 0; i < perTick; i++) {
      appends.push(
        store
          .append(`lag-${tick}-${i}`, [newEvent('bench.Happened', PAYLOAD)], 'no-stream')
          .then(({ position }) => void acked.push({ position, at: performance.now() })),
      );
    }
    await sleep(Math.max(0, start + (tick + 1) * TICK_MS - performance.now()));
  }
  await Promise.all(appends);
  const seconds = (performance.now() - start) / 1000;
  appending = false;
  await watching;
  // Leaf index = position - 1 on a fresh SQLite log: an event is covered once the signed size reaches its position.
  const lags = acked
    .map(({ position, at }) => (signed.find((s) => s.size >= position)?.at ?? NaN) - at)
    .map((lag) => Math.max(0, lag))
    .sort((a, b) => a - b);

  // Export and verification of a longer log.
  for (let i = 0; i < PRELOAD; i += 500) {
    await store.append(
      `load-${i}`,
      Array.from({ length: 500 }, () => newEvent('bench.Happened', PAYLOAD)),
      'no-stream',
    );
  }
  const head = await store.headPosition();
  while (events.status.signedSize < head) await sleep(50);
  await sealer.stop();
  const out = join(dir, 'bench-export');
  const exportMs = await timed(() =>
    exportRecord({ store, auditLog, seal, key, clock: systemClock }, { out, filter: {} }).then(() => undefined),
  );
  let ok = false;
  const verifyMs = await timed(async () => void (ok = (await verifyExport(out, createPublicKey(key))).ok));
  if (!ok) throw new Error('the bench export did not verify');
  await Promise.all([store.close(), auditLog.close(), seal.close()]);

  return [
    {
      what: `sealer: append → signed checkpoint covering it, ${fmt(Math.round(acked.length / seconds), 'events/s')} for ${SECONDS} s, p50 / p99 / max`,
      ours: `${percentile(lags, 50).toFixed(0)} / ${percentile(lags, 99).toFixed(0)} / ${(lags.at(-1) ?? NaN).toFixed(0)} ms`,
      floor: 'target p99 ≤ 1,000 ms',
    },
    { what: `export, complete, ${fmt(head, 'events')} (files, leaf hashes, signed manifest)`, ours: fmt(rate(head, exportMs), 'events/s') },
    { what: `verify, offline, the same export`, ours: fmt(rate(head, verifyMs), 'events/s') },
  ];
};

const APPENDS = 3000;
const PATIENTS = 300;

/**
 * What encrypting personal fields costs an append: clinical events (an allergy: substance and
 * reaction encrypted) appended one at a time, durably, to patients whose keys exist, through the
 * shredding store and straight to the log, alternating so both meet the same disk.
 */
export const benchEncryption = async (dir: string): Promise<Row[]> => {
  const store = new SqliteEventStore(openDatabase(join(dir, 'enc-events.db'), 'full'), systemClock);
  const keys = SqlitePatientKeys.open(join(dir, 'enc-keys.db'), randomBytes(32));
  const shredding = new ShreddingEventStore(store, keys, PERSONAL_DATA);
  const patients = Array.from({ length: PATIENTS }, () => randomUUID());
  patients.forEach((p) => keys.keyFor(p));
  const allergy = (patientId: string, i: number) => {
    const e = newEvent('patients.AllergyRecorded', {
      allergyId: randomUUID(),
      substance: `substance ${i}`,
      reaction: 'rash over the arms and the back, itching for two days',
      severity: 'mild',
      recordedAt: new Date().toISOString(),
    });
    return { ...e, metadata: { ...e.metadata, patientId } };
  };
  let [plainMs, encryptedMs] = [0, 0];
  for (let round = 0; round < 6; round++) {
    const through = round % 2 === 0 ? store : shredding;
    const ms = await timed(async () => {
      for (let i = 0; i < APPENDS / 6; i++) {
        const patientId = patients[i % PATIENTS] as string;
        await through.append(`patient-${patientId}`, [allergy(patientId, i)], 'any');
      }
    });
    if (through === store) plainMs += ms;
    else encryptedMs += ms;
  }
  await Promise.all([store.close(), keys.close()]);
  const [plain, encrypted] = [rate(APPENDS / 2, plainMs), rate(APPENDS / 2, encryptedMs)];
  return [
    {
      what: 'append, 1 clinical event with 2 personal fields, one caller, durable: encrypted per patient',
      ours: fmt(encrypted, 'events/s'),
      floor: `${fmt(plain, 'events/s')} in clear`,
      ratio: ratio(encrypted, plain),
    },
  ];
};
