import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { MongoClient, type Document } from 'mongodb';
import { ReadStoreSubscriptionStore, type DocumentCollection, type IndexSpec, type ReadStore, type Route } from '@hcms/shared-kernel';
import {
  projections,
  queryRoutes,
  ReadModelCollections,
  ReadModelProgress,
  providerDirectoryProjection,
  type ReadModelDeps,
} from '@hcms/projections';
import { readStorePatientDirectory } from '../appointments/read-store-patient-directory.js';
import { readStorePendingHolds } from '../appointments/read-store-pending-holds.js';
import { readStoreLabReferences } from '../laboratory/read-store-lab-references.js';
import { readStoreClinicalReferences } from '../consultations/read-store-clinical-references.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { OUTBOX, OUTBOX_INDEXES, OutboxChannel } from '../notifications/outbox-channel.js';
import { readStoreContacts, readStoreDueNotifications } from '../notifications/read-store-notifications.js';
import { systemClock } from '../system/system-clock.js';
import { tempDir } from '../testing/fixtures.js';
import { requiredEnv } from '../testing/servers.js';
import { MongoCollection, type DocRecord } from './mongodb/mongo-collection.js';
import { MongoReadStore } from './mongodb/mongo-read-store.js';
import { SqliteReadStore } from './sqlite/sqlite-read-store.js';

/**
 * Every read the API and the platform's own loops make of the read store, run through the real
 * code with each adapter; each statement the adapter sends is then explained by the database.
 * SQLite: a filtered read must search an index; an unfiltered one must come in index order (it
 * then stops at its limit). FerretDB 1.x on PostgreSQL pushes to SQL only top-level equality,
 * which the adapter's finds never are (conditions under `$and`, sorts by a field): only lookups
 * by id reach an index there. The last `it` of each backend states that, so it fails once it
 * stops being true.
 */

const ID = '0b5c6a1e-0000-4000-8000-000000000001';
const PROVIDER = '0b5c6a1e-0000-4000-8000-000000000002';
const SEEDED = 2000;

type Handle = (input: { params?: unknown; query?: unknown }) => Promise<unknown>;
interface Env {
  readonly route: (key: string) => Handle;
  readonly deps: ReadModelDeps;
}

/** Each caller runs real query code; routes are named `METHOD path` and must all be listed. */
const callers: Record<string, (env: Env) => Promise<unknown>> = {
  'GET /patients': ({ route }) => route('GET /patients')({ query: {} }),
  'GET /patients?name=': ({ route }) => route('GET /patients')({ query: { name: 'Smi' } }),
  'GET /patients?mrn=': ({ route }) => route('GET /patients')({ query: { mrn: 'MRN-000001' } }),
  'GET /patients?dateOfBirth=': ({ route }) => route('GET /patients')({ query: { dateOfBirth: '1980-01-01' } }),
  'GET /patients?status=': ({ route }) => route('GET /patients')({ query: { status: 'active' } }),
  'GET /patients/:patientId': ({ route }) => route('GET /patients/:patientId')({ params: { patientId: ID } }),
  'GET /providers': ({ route }) => route('GET /providers')({ query: {} }),
  'GET /providers?specialty=': ({ route }) => route('GET /providers')({ query: { specialty: 'Cardiology' } }),
  'GET /providers/:providerId/calendar': ({ route }) =>
    route('GET /providers/:providerId/calendar')({ params: { providerId: PROVIDER }, query: { from: '2099-01-05', days: 1 } }),
  'GET /slots': ({ route }) => route('GET /slots')({ query: { specialty: 'cardiology', from: '2099-01-05', days: 1 } }),
  'GET /patients/:patientId/appointments': ({ route }) =>
    route('GET /patients/:patientId/appointments')({ params: { patientId: ID }, query: {} }),
  'GET /patients/:patientId/notifications': ({ route }) =>
    route('GET /patients/:patientId/notifications')({ params: { patientId: ID }, query: {} }),
  'GET /notifications/failed': ({ route }) => route('GET /notifications/failed')({}),
  'GET /read-models': ({ route }) => route('GET /read-models')({}),
  'GET /patients/:patientId/encounters/:encounterId': ({ route }) =>
    route('GET /patients/:patientId/encounters/:encounterId')({ params: { patientId: ID, encounterId: PROVIDER }, query: {} }),
  'GET /patients/:patientId/encounters': ({ route }) =>
    route('GET /patients/:patientId/encounters')({ params: { patientId: ID }, query: {} }),
  'GET /patients/:patientId/clinical-chart': ({ route }) =>
    route('GET /patients/:patientId/clinical-chart')({ params: { patientId: ID }, query: {} }),
  'GET /worklist': ({ route }) => route('GET /worklist')({ query: {} }),
  'encounters of a patient (consultations, on erasure)': ({ deps }) => readStoreClinicalReferences(deps).encountersOf(ID),
  'GET /lab/worklist': ({ route }) => route('GET /lab/worklist')({ query: {} }),
  'GET /lab/worklist?status=': ({ route }) => route('GET /lab/worklist')({ query: { status: 'received' } }),
  'GET /patients/:patientId/lab-orders': ({ route }) =>
    route('GET /patients/:patientId/lab-orders')({ params: { patientId: ID }, query: {} }),
  'GET /patients/:patientId/lab-orders/:labOrderId': ({ route }) =>
    route('GET /patients/:patientId/lab-orders/:labOrderId')({ params: { patientId: ID, labOrderId: PROVIDER }, query: {} }),
  'GET /patients/:patientId/lab-results': ({ route }) =>
    route('GET /patients/:patientId/lab-results')({ params: { patientId: ID }, query: {} }),
  'GET /lab/parked-results': ({ route }) => route('GET /lab/parked-results')({ query: {} }),
  'GET /lab/catalogue': ({ route }) => route('GET /lab/catalogue')({ query: {} }),
  'GET /patients/:patientId/account': ({ route }) => route('GET /patients/:patientId/account')({ params: { patientId: ID }, query: {} }),
  'GET /patients/:patientId/invoices': ({ route }) => route('GET /patients/:patientId/invoices')({ params: { patientId: ID }, query: {} }),
  'GET /patients/:patientId/invoices/:invoiceId': ({ route }) =>
    route('GET /patients/:patientId/invoices/:invoiceId')({ params: { patientId: ID, invoiceId: PROVIDER }, query: {} }),
  'GET /invoices/:invoiceId': ({ route }) => route('GET /invoices/:invoiceId')({ params: { invoiceId: PROVIDER }, query: {} }),
  'GET /patients/:patientId/statement': ({ route }) =>
    route('GET /patients/:patientId/statement')({ params: { patientId: ID }, query: { asOf: '2026-03-31' } }),
  'GET /billing/reports/aging': ({ route }) => route('GET /billing/reports/aging')({ query: { asOf: '2026-03-31' } }),
  'GET /billing/reports/takings': ({ route }) => route('GET /billing/reports/takings')({ query: { date: '2026-03-31' } }),
  'GET /billing/fees': ({ route }) => route('GET /billing/fees')({ query: {} }),
  'GET /billing/fees/:code': ({ route }) => route('GET /billing/fees/:code')({ params: { code: '99213' }, query: {} }),
  'the order of an accession number (laboratory, HL7 results)': ({ deps }) => readStoreLabReferences(deps).orderOfAccession('ACC-1'),
  'lab orders of a patient (laboratory, on erasure)': ({ deps }) => readStoreLabReferences(deps).ordersOf(ID),
  'due notifications (dispatcher)': ({ deps }) => readStoreDueNotifications(deps).due(new Date().toISOString(), 50),
  'contact of a patient (dispatcher)': ({ deps }) => readStoreContacts(deps).contactOf(ID),
  'stale holds (sweeper)': ({ deps }) => readStorePendingHolds(deps).olderThan(new Date().toISOString(), 50),
  'status of a patient (appointments)': ({ deps }) => readStorePatientDirectory(deps).statusOf(ID),
  'upcoming appointments of a patient (appointments)': ({ deps }) =>
    readStorePatientDirectory(deps).upcomingAppointmentsOf(ID, new Date().toISOString()),
  'GET /notifications/outbox': ({ deps }) => new OutboxChannel(deps.readStore).entries(),
  'subscription requests': ({ deps }) => deps.records.requests('projection.patient-list'),
  'every subscription record': ({ deps }) => deps.records.all(),
};

/** Collections with their indexes, as the code declares them. */
const collections: readonly { name: string; indexes: readonly IndexSpec[] }[] = [
  ...projections.map((p) => ({ name: p.name, indexes: p.indexes })),
  { name: OUTBOX, indexes: OUTBOX_INDEXES },
  { name: 'subscription_requests', indexes: [{ fields: ['subscription'] }] },
  { name: 'subscriptions', indexes: [] },
  { name: 'projection_aliases', indexes: [] },
  { name: 'projection_checkpoints', indexes: [] },
];

/** Enough documents that a planner would rather not read them all; values spread over each indexed field. */
const seed = async (store: ReadStore): Promise<void> => {
  for (const { name, indexes } of collections) {
    const fields = [...new Set([...indexes.flatMap((i) => i.fields), 'name', 'at', 'status'])];
    const docs = await store.collection<Record<string, string>>(name, indexes);
    const items = Array.from({ length: SEEDED }, (_, i) => ({
      id: `seed-${String(i).padStart(6, '0')}`,
      version: 1,
      stored: 0,
      doc: Object.fromEntries(fields.map((f) => [f, `${f}-${String(i % 97).padStart(3, '0')}`])),
    }));
    await docs.putMany(items);
  }
  const providers: DocumentCollection<unknown> = await store.collection(
    providerDirectoryProjection.name,
    providerDirectoryProjection.indexes,
  );
  await providers.put(
    PROVIDER,
    {
      status: 'active',
      providerId: PROVIDER,
      name: 'Dr Who',
      specialty: 'Cardiology',
      specialtyKey: 'cardiology',
      timeZone: 'UTC',
      hours: [{ start: '09:00', end: '10:00' }],
      slotMinutes: 30,
      exceptions: [],
    },
    1,
  );
};

const envOf = (readStore: ReadStore): Env => {
  const records = new ReadStoreSubscriptionStore(readStore);
  const views = new ReadModelCollections(readStore);
  const deps: ReadModelDeps = {
    readStore,
    collections: views,
    progress: new ReadModelProgress(
      records,
      views,
      projections.map((p) => p.name),
    ),
    records,
    readYourWritesTimeoutMs: 1000,
    head: async () => 0,
  };
  const routes: readonly Route[] = queryRoutes(deps, { headPosition: async () => 0, readStream: async () => [] }, systemClock);
  const route = (key: string): Handle => {
    const found = routes.find((r) => `${r.method} ${r.path}` === key);
    if (!found) throw new Error(`no route ${key}`);
    return async (input) => {
      const base = {
        params: {},
        query: {},
        body: undefined,
        principal: { id: 'planner', role: 'admin' },
        requestId: 'r',
        correlationId: 'c',
        accept: '',
      };
      return found.handle({ ...base, ...input } as Parameters<Route['handle']>[0]);
    };
  };
  return { route, deps };
};

interface Explained {
  readonly statement: string;
  readonly indexed: boolean;
  readonly plan: string;
}

/** Runs `caller` and explains every read it sends; `explain` says whether the read uses an index. */
interface Backend {
  readonly env: Env;
  readonly explainAll: (caller: (env: Env) => Promise<unknown>) => Promise<readonly Explained[]>;
}

// --- SQLite: the adapter's own SQL, taken from the statements it prepares.

interface Sent {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const recording = (db: Database.Database, sent: Sent[]): Database.Database =>
  new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) =>
          new Proxy(target.prepare(sql), {
            get(stmt, key) {
              const value: unknown = Reflect.get(stmt, key, stmt);
              if (typeof value !== 'function') return value;
              const method = value as (...args: unknown[]) => unknown;
              if (key !== 'all' && key !== 'get') return method.bind(stmt);
              return (...params: unknown[]) => {
                if (/^\s*SELECT/i.test(sql)) sent.push({ sql, params });
                return method.apply(stmt, params);
              };
            },
          });
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

/** Filtered reads must search an index; a read with no condition must need no sort of its own. */
const sqliteIndexed = (sql: string, plan: readonly string[]): boolean => {
  const where = /WHERE([\s\S]*?)(ORDER BY|LIMIT|$)/i.exec(sql)?.[1] ?? '';
  if (plan.some((line) => /USE TEMP B-TREE/.test(line)) && !where.includes('?')) return false;
  if (!where.includes('?')) return true;
  return plan.some((line) => /^SEARCH \S+ USING (COVERING )?(INDEX|PRIMARY KEY)/.test(line));
};

const sqliteBackend = async (path: string): Promise<Backend & { close(): Promise<void> }> => {
  const db = openDatabase(path, 'normal');
  const sent: Sent[] = [];
  const store = new SqliteReadStore(recording(db, sent));
  await seed(store);
  db.exec('ANALYZE');
  return {
    env: envOf(store),
    explainAll: async (caller) => {
      sent.length = 0;
      await caller(envOf(store));
      return sent.map(({ sql, params }) => {
        const plan = db
          .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...params)
          .map((r) => r.detail);
        return { statement: sql.replace(/\s+/g, ' '), indexed: sqliteIndexed(sql, plan), plan: plan.join(' | ') };
      });
    },
    close: () => store.close(),
  };
};

// --- FerretDB: the adapter's own commands, taken from the driver's command monitoring.

const pgNodes = (node: Document): Document[] => [node, ...((node['Plans'] as Document[] | undefined) ?? []).flatMap(pgNodes)];

const ferretBackend = async (url: string): Promise<Backend & { close(): Promise<void> }> => {
  const database = `plans_${randomUUID().slice(0, 8)}`;
  // The adapter's store makes the collections and their indexes; its collections are driven here
  // through a client whose commands are watched.
  const store = await MongoReadStore.connect(url, database);
  const client = await MongoClient.connect(url, { monitorCommands: true });
  const db = client.db(database);
  const sent: Document[] = [];
  client.on('commandStarted', (e) => {
    if (e.commandName === 'find' || e.commandName === 'aggregate') sent.push(e.command);
  });
  const watched: ReadStore = {
    collection: async <T>(name: string, indexes: readonly IndexSpec[] = []) => {
      await store.collection(name, indexes);
      return new MongoCollection<T>(db.collection<DocRecord>(name));
    },
    drop: (name) => store.drop(name),
    compact: () => store.compact(),
    close: async () => undefined,
  };
  await seed(watched);
  const explain = async (command: Document): Promise<Explained> => {
    const { $db: _db, lsid: _lsid, $clusterTime: _t, $readPreference: _r, ...body } = command;
    const result = await db.command({ explain: body });
    const plan = (result['queryPlanner'] as Document)['Plan'] as Document | undefined;
    if (!plan) throw new Error(`no plan for ${JSON.stringify(body)}: is the collection seeded?`);
    const nodes = pgNodes(plan);
    const types = nodes.map((n) => String(n['Node Type']));
    return {
      // The driver keeps a sort as a Map.
      statement: JSON.stringify(body, (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value)),
      indexed: !types.includes('Seq Scan') && types.some((t) => /Index/.test(t)),
      plan: `${types.join(' > ')}; filterPushdown ${String(result['filterPushdown'])}; sortPushdown ${String(result['sortPushdown'])}`,
    };
  };
  return {
    env: envOf(watched),
    explainAll: async (caller) => {
      sent.length = 0;
      await caller(envOf(watched));
      const commands = [...sent];
      const explained: Explained[] = [];
      for (const command of commands) explained.push(await explain(command));
      return explained;
    },
    close: async () => {
      await db.dropDatabase();
      await client.close();
      await store.close();
    },
  };
};

/**
 * FerretDB 1.x hands PostgreSQL only top-level equality (dotted paths too, with nested pushdown),
 * where an index serves it; ranges, prefixes and sorts it applies in memory after a scan. So a read
 * uses an index exactly when its filter has an equality on the id or on a field.
 */
const equalityLookup = (statement: string): boolean => {
  const filter = (JSON.parse(statement) as { filter?: Record<string, unknown> }).filter ?? {};
  return Object.entries(filter).some(
    ([key, value]) => !key.startsWith('$') && key !== 'doc' && ['string', 'number', 'boolean'].includes(typeof value),
  );
};

const show = (explained: readonly Explained[]): string => explained.map((e) => `${e.statement}\n  -> ${e.plan}`).join('\n');

describe('Query plans of every read-model query', function () {
  this.timeout(120_000);

  it('lists every query route', () => {
    const { deps } = envOf(new SqliteReadStore(openDatabase(':memory:', 'normal')));
    const routes = queryRoutes(deps, { headPosition: async () => 0, readStream: async () => [] }, systemClock).map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(routes.filter((r) => !(r in callers))).to.deep.equal([]);
  });

  describe('on a SQLite file', () => {
    const dir = tempDir('hcms-plans-');
    let backend: Awaited<ReturnType<typeof sqliteBackend>>;
    before(async () => {
      backend = await sqliteBackend(join(dir.path, 'read.db'));
    });
    after(async () => {
      await backend.close();
      dir.remove();
    });

    for (const [name, caller] of Object.entries(callers)) {
      it(`${name}: every read uses an index`, async () => {
        const explained = await backend.explainAll(caller);
        expect(explained, 'reads made').to.not.be.empty;
        expect(
          explained.filter((e) => !e.indexed),
          show(explained),
        ).to.deep.equal([]);
      });
    }
  });

  describe('on FerretDB 1.x over PostgreSQL', () => {
    let backend: Awaited<ReturnType<typeof ferretBackend>>;
    before(async () => {
      backend = await ferretBackend(requiredEnv('HCMS_TEST_MONGODB_URL'));
    });
    after(() => backend.close());

    for (const [name, caller] of Object.entries(callers)) {
      it(`${name}: a read with an equality uses an index, one with only ranges, prefixes or sorts scans the collection`, async () => {
        const explained = await backend.explainAll(caller);
        expect(explained, 'reads made').to.not.be.empty;
        expect(
          explained.map((e) => e.indexed),
          show(explained),
        ).to.deep.equal(explained.map((e) => equalityLookup(e.statement)));
      });
    }
  });
});
