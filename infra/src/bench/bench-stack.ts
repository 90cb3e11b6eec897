import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { projections } from '@hcms/projections';
import { jwtTokenService } from '../auth/jwt.js';
import { DEV_JWT_SECRET, loadConfig } from '../config/config.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteCheckpointStore } from '../event-store/sqlite/sqlite-checkpoint-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { removeBusNamespace } from '../stack/stack-fixture.js';
import { startStack, type Stack } from '../stack/stack.js';
import { systemClock } from '../system/system-clock.js';
import { tempDir } from '../testing/fixtures.js';
import { LeanClient } from './registration-load.js';
import { relayCheckpointName } from '../relay/relay.js';

export interface BenchStack {
  readonly stack: Stack;
  /** The event log the services share, opened by this process too (for the preload). */
  readonly store: SqliteEventStore;
  readonly client: LeanClient;
  /** The identity index secret the patients service uses, so preloaded patients are indexed under it. */
  readonly identityKeySecret: string;
  readonly tag: string;
  /** Every read model's lag behind the head of the log, from the query service (through the gateway). */
  readModels(): Promise<{ readonly head: number; readonly behind: readonly number[] }>;
  /** Resolves when every read model has applied the whole log; the ms it took (to within `everyMs`). */
  caughtUp(timeoutMs: number, everyMs?: number): Promise<number>;
  /** The last position the relay has published: its checkpoint, kept per log (`relay@<log id>`) in the shared log. */
  relayPosition(): Promise<number>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `done` every `everyMs`; the ms it took, or an error naming what never happened. */
export const until = async (done: () => Promise<boolean>, what: string, timeoutMs: number, everyMs = 50): Promise<number> => {
  const start = performance.now();
  while (!(await done())) {
    if (performance.now() - start > timeoutMs) throw new Error(`no ${what} after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(everyMs);
  }
  return performance.now() - start;
};

/** The stack as separate processes, in its own broker namespace and database, with a clinician's client. */
export const startBenchStack = async (amqpUrl: string, mongoUrl: string, logLevel: string): Promise<BenchStack> => {
  const dir = tempDir('hcms-bench-stack-');
  const tag = `b${randomUUID().slice(0, 8)}`;
  const env = { HCMS_BUS_PREFIX: tag, HCMS_JWT_SECRET: DEV_JWT_SECRET, HCMS_LOG_LEVEL: logLevel, HCMS_POLL_MS: '10' };
  const stack = await startStack({ dataDir: dir.path, amqpUrl, mongoUrl: `${mongoUrl}${tag}`, env });
  const db = openDatabase(join(dir.path, 'events.db'), 'full');
  const store = new SqliteEventStore(db, systemClock);
  const checkpoints = new SqliteCheckpointStore(db);
  const token = await jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600).issue('bench-clinician', 'clinician');
  const client = new LeanClient(stack.url, token);

  const readModels = async () => {
    const answer = await client.send('GET', '/read-models');
    if (answer.status !== 200) throw new Error(`GET /read-models answered ${answer.status}`);
    const body = JSON.parse(answer.text) as { head: number; readModels: { behind: number }[] };
    return { head: body.head, behind: body.readModels.map((m) => m.behind) };
  };

  return {
    stack,
    store,
    client,
    identityKeySecret: loadConfig({ ...process.env, ...stack.env }).identityKeySecret,
    tag,
    readModels,
    caughtUp: (timeoutMs, everyMs = 50) =>
      until(
        async () => {
          const status = await readModels().catch(() => undefined);
          return status !== undefined && status.behind.length === projections.length && status.behind.every((b) => b === 0);
        },
        'every read model at the head of the log',
        timeoutMs,
        everyMs,
      ),
    relayPosition: async () => (await checkpoints.load(relayCheckpointName(await store.logId()))) ?? 0,
    close: async () => {
      client.close();
      await stack.stop();
      await store.close();
      await removeBusNamespace(tag);
      // 100,000 patients' documents are not left behind in the read store after every run.
      const mongo = await MongoClient.connect(mongoUrl);
      await mongo
        .db(tag)
        .dropDatabase()
        .finally(() => mongo.close());
      dir.remove();
    },
  };
};
