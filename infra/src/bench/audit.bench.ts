import { patientEvents, patientStream } from '@hcms/patients';
import { queryRoutes } from '@hcms/projections';
import { wireType, type EventStore, type NewEvent, type Route } from '@hcms/shared-kernel';
import { AuditTrail } from '../audit/audit-trail.js';
import { SqliteAuditLog } from '../audit/sqlite-audit-log.js';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { T } from '../composition/tokens.js';
import { buildHttpServer } from '../http/http-server.js';
import { startRole } from '../roles/roles.js';
import { uuidV7Generator } from '../system/uuid-v7-generator.js';
import { benchActor, registeredPatients } from './registered-patients.js';
import { fmt, lanes, percentile, rate, ratio, timed, type Row } from './measure.js';

const READS = 4000;
/**
 * Concurrent clients. An answer waits for its entry's commit, so a few clients mostly wait on it;
 * with many, one commit serves many answers (group commit), as under a clinic's traffic.
 */
const CLIENTS = [8, 32];
const CHART_EVENTS = 10_000;
const CHART_SAMPLES = 400;

/**
 * One patient with a long record: a few dozen allergies, conditions and consents, then thousands
 * of changes to them (addresses, notes, contact preferences), so the chart stays a realistic size.
 */
const longRecord = async (store: EventStore, events: number): Promise<string> => {
  const patientId = uuidV7Generator.next();
  const at = () => new Date().toISOString();
  const entryIds = Array.from({ length: 30 }, () => uuidV7Generator.next());
  const data = (i: number): [string, unknown] => {
    if (i === 0) {
      const demographics = { givenName: 'Long', familyName: 'Record', dateOfBirth: '1950-01-01', sex: 'female' };
      return ['PatientRegistered', { patientId, mrn: 'BENCH-LONG', demographics, registeredAt: at() }];
    }
    if (i <= 20)
      return [
        'AllergyRecorded',
        { allergyId: uuidV7Generator.next(), substance: `substance ${i}`, reaction: 'rash', severity: 'mild', recordedAt: at() },
      ];
    if (i <= 50)
      return ['MedicalHistoryEntryAdded', { entryId: entryIds[i - 21], condition: `condition ${i}`, icd10Code: 'E11.9', status: 'active' }];
    if (i <= 60) return ['ConsentRecorded', { consentId: uuidV7Generator.next(), kind: 'treatment', grantedAt: at() }];
    const demographics = {
      givenName: 'Long',
      familyName: 'Record',
      dateOfBirth: '1950-01-01',
      sex: 'female',
      phone: `+4416329${String(i % 100000).padStart(5, '0')}`,
    };
    switch (i % 3) {
      case 0:
        return ['DemographicsUpdated', { demographics }];
      case 1:
        return ['MedicalHistoryEntryUpdated', { entryId: entryIds[i % 30], note: `review ${i}` }];
      default:
        return ['ContactPreferencesRecorded', { preferred: i % 2 ? 'sms' : 'email', optOut: false }];
    }
  };
  const metadata = { actor: benchActor, correlationId: 'bench', causationId: 'bench', schemaVersion: 1, patientId };
  for (let from = 0; from < events; from += 100) {
    const batch: NewEvent[] = Array.from({ length: Math.min(100, events - from) }, (_, k) => {
      const [type, payload] = data(from + k);
      return { id: uuidV7Generator.next(), type: wireType(patientEvents, type), data: payload, metadata };
    });
    await store.append(patientStream(patientId), batch, from === 0 ? 'no-stream' : from);
    // Spread the record over time, so "as of T" cuts it anywhere.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return patientId;
};

/**
 * Audited reads: `GET /patients/:patientId` answered only once its audit entry is durable, against
 * the same route with auditing disabled, same process and data; and the chart as of a past moment
 * for a patient with 10,000 events.
 */
export const benchAudit = async (dir: string): Promise<Row[]> => {
  const config = loadConfig({ HCMS_DATA_DIR: `${dir}/audit`, HCMS_PORT: '0', HCMS_LOG_LEVEL: 'silent' });
  const container = platformContainer(config);
  const platform = await startRole(container, 'all');
  const store = await container.getAsync(T.EventStore);
  const readModels = await container.getAsync(T.ReadModelDeps);
  const patients = await registeredPatients(store, 2000);
  const longId = await longRecord(store, CHART_EVENTS);
  await readModels.progress.await('patient-detail', await store.headPosition(), 120_000);

  const detail = queryRoutes(readModels, store, container.get(T.Clock)).find(
    (r) => r.method === 'GET' && r.path === '/patients/:patientId',
  );
  if (!detail) throw new Error('no GET /patients/:patientId route');
  const [ids, clock] = [container.get(T.Ids), container.get(T.Clock)];
  const relaxed = SqliteAuditLog.open(`${dir}/audit/audit-normal.db`, 'normal');
  const serve = async (route: Route, trail: AuditTrail) => {
    const app = await buildHttpServer({
      routes: [route],
      gate: container.get(T.Gate),
      trail,
      trustedProxies: [],
      bodyLimitBytes: config.bodyLimitBytes,
      logLevel: 'silent',
      version: 'bench',
      health: async () => ({ ready: true, checks: {} }),
    });
    return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
  };
  const variants = {
    unaudited: await serve({ ...detail, audit: 'no-patient-data' }, container.get(T.AuditTrail)),
    audited: await serve(detail, container.get(T.AuditTrail)),
    relaxed: await serve(detail, new AuditTrail(relaxed, ids, clock)),
  };
  const token = await container.get(T.Tokens).issue('bench-clinician', 'clinician');
  const get = (url: string) =>
    fetch(url, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => {
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
    });
  const reads = (base: string, clients: number) =>
    lanes(clients, READS, (i) => get(`${base}/patients/${patients[i % patients.length] ?? ''}`));
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  const readRows: Row[] = [];
  for (const clients of CLIENTS) {
    const rates: Record<keyof typeof variants, number[]> = { unaudited: [], audited: [], relaxed: [] };
    for (const { url } of Object.values(variants)) await reads(url, clients); // warm-up
    // Interleaved, twice: the machine's drift falls on every variant alike.
    for (let round = 0; round < 2; round++) {
      for (const [name, { url }] of Object.entries(variants))
        rates[name as keyof typeof variants].push(rate(READS, await timed(() => reads(url, clients))));
    }
    const [unaudited, audited, relaxedRate] = [mean(rates.unaudited), mean(rates.audited), mean(rates.relaxed)];
    readRows.push(
      {
        what: `GET /patients/:patientId, ${clients} clients, answered once its audit entry is durable (group commit, synchronous=FULL)`,
        ours: fmt(audited, 'req/s'),
        floor: fmt(unaudited, 'req/s same route, auditing disabled'),
        ratio: ratio(audited, unaudited),
      },
      {
        what: `the same, ${clients} clients, audit log at synchronous=NORMAL (survives a crash of the process, not a power loss)`,
        ours: fmt(relaxedRate, 'req/s'),
        floor: fmt(unaudited, 'req/s auditing disabled'),
        ratio: ratio(relaxedRate, unaudited),
      },
    );
  }

  // The chart as of a past moment, for the patient with 10,000 events, read one at a time.
  const history = await store.readStream(patientStream(longId));
  const [first, last] = [Date.parse(history[0]?.recordedAt ?? ''), Date.parse(history.at(-1)?.recordedAt ?? '')];
  const latencies = async (query: (i: number) => string) => {
    const times: number[] = [];
    for (let i = 0; i < CHART_SAMPLES; i++) {
      const url = `${variants.audited.url}/patients/${longId}?${query(i)}`;
      times.push(await timed(() => get(url)));
    }
    return times.sort((a, b) => a - b);
  };
  const cut = (i: number) => Math.floor((((i * 7919) % CHART_SAMPLES) / CHART_SAMPLES) * 1e6) / 1e6;
  // The first read of the patient as of a moment folds the whole record and leaves snapshots behind.
  const cold = await timed(() => get(`${variants.audited.url}/patients/${longId}?asOfPosition=${history.at(-1)?.position ?? 1}`));
  await latencies((i) => `asOfPosition=${history[Math.floor(cut(i) * history.length)]?.position ?? 1}`); // warm-up
  const byTime = await latencies((i) => `asOf=${encodeURIComponent(new Date(first + cut(i) * (last - first)).toISOString())}`);
  const byPosition = await latencies((i) => `asOfPosition=${history[Math.floor(cut(i) * history.length)]?.position ?? 1}`);

  for (const { app } of Object.values(variants)) await app.close();
  await relaxed.close();
  await platform.stop();
  const show = (sorted: number[]) => `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
  return [
    ...readRows,
    {
      what: `chart as of a time, patient with ${CHART_EVENTS.toLocaleString('en-US')} events (audited, one client)`,
      ours: show(byTime),
      floor: 'target p99 ≤ 50 ms',
    },
    { what: 'chart as of a position, same patient', ours: show(byPosition), floor: 'target p99 ≤ 50 ms' },
    { what: 'the first such read of that patient in a process (folds all 10,000 events, keeps snapshots)', ours: `${cold.toFixed(1)} ms` },
  ];
};
