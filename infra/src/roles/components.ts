import type { Container, ServiceIdentifier } from 'inversify';
import type { Route } from '@hcms/shared-kernel';
import { ProgressAnnouncer, ProjectionRunner, projections } from '@hcms/projections';
import { Relay } from '../relay/relay.js';
import { T } from '../composition/tokens.js';
import { subscriptionDeps, subscriptionOptions } from './reactions.js';
import type { Check } from './role.js';
import { Sealer } from '../integrity/sealer.js';
import { publicKeyPem } from '../integrity/key-files.js';
import { integrityRoutes } from '../integrity/integrity.routes.js';
import { ExportJobs } from '../integrity/export/export-jobs.js';
import { exportRoutes } from '../integrity/export/export.routes.js';

/** The relay: global log → bus; its backlog published when this resolves unless `untilCaughtUp` is false. */
export const startRelay = async (
  c: Container,
  opened: Opened,
  { untilCaughtUp = true }: { readonly untilCaughtUp?: boolean } = {},
): Promise<{ relay: Relay; checks: Record<string, Check> }> => {
  // What leaves for the bus is the log as stored: personal fields still encrypted.
  const [store, bus, checkpoints] = await Promise.all([opened.get(T.LogStore), opened.get(T.Bus), c.getAsync(T.Checkpoints)]);
  if (!c.isBound(T.EventsDb)) await opened.get(T.ReadStore); // checkpoints live in the read store then
  const relay = new Relay(store, bus, checkpoints, c.get(T.Logger).child({ role: 'relay' }));
  await relay.start({ untilCaughtUp });
  return {
    relay,
    checks: {
      relay: async () => {
        const { healthy, failing } = relay.status;
        if (!healthy) throw new Error(`relay cannot make progress: ${failing ?? 'unknown'} failing; see the logs`);
      },
    },
  };
};

/**
 * The sealer of the event and audit logs and the exports cut from it: their routes (checkpoints,
 * proofs, export jobs), their health check, and how they stop.
 */
export const startIntegrity = async (
  c: Container,
  opened: Opened,
): Promise<{ routes: Route[]; checks: Record<string, Check>; stop: () => Promise<void> }> => {
  // Sealed and exported as stored: a patient's erasure leaves every hash as it was.
  const [seal, store, auditLog] = await Promise.all([opened.get(T.SealStore), opened.get(T.LogStore), opened.get(T.AuditLog)]);
  const [key, clock, config] = [await c.getAsync(T.SigningKey), c.get(T.Clock), c.get(T.Config)];
  const sealer = await Sealer.start({ seal, key, store, auditLog, clock, origin: config.logOrigin });
  const jobs = new ExportJobs(config.exportDir, { store, auditLog, seal, key, clock }, c.get(T.Ids));
  return {
    routes: [...integrityRoutes(sealer, publicKeyPem(key)), ...exportRoutes(jobs)],
    checks: { sealer: sealer.check },
    stop: async () => (await jobs.drain(), await sealer.stop()),
  };
};

const RECORD_SAVE_DELAY_MS = 1000;

/**
 * Every projection, each a durable subscription; caught up when this resolves unless
 * `untilCaughtUp` is false (a projector process answers its health check while it catches up).
 */
export const startProjectors = async (
  c: Container,
  opened: Opened,
  { untilCaughtUp = true }: { readonly untilCaughtUp?: boolean } = {},
): Promise<{ runners: ProjectionRunner<unknown>[] }> => {
  const [deps, readModels] = await Promise.all([subscriptionDeps(c, opened), c.getAsync(T.ReadModelDeps)]);
  const acrossProcesses = c.get(T.Config).bus !== 'memory';
  // Readers in other processes hear of each batch as it lands, so the records, which they would
  // otherwise poll, need saving only now and then: a crash replays at most that much, idempotently.
  const announcer = acrossProcesses ? { announcer: new ProgressAnnouncer(await opened.get(T.Bus)) } : {};
  const options = { ...subscriptionOptions(c), ...(acrossProcesses ? { saveDelayMs: RECORD_SAVE_DELAY_MS } : {}) };
  const runners = projections.map(
    (projection) =>
      new ProjectionRunner(
        projection,
        { ...deps, ...announcer, readStore: readModels.readStore, collections: readModels.collections },
        options,
      ),
  );
  // Started together: each catches up on its own, so one slow read model does not hold back the rest.
  await Promise.all(runners.map((runner) => runner.start({ untilCaughtUp })));
  for (const runner of runners) readModels.progress.register(runner);
  return { runners };
};

/**
 * Reads in this process that wait on another's read models settle as soon as its projector
 * announces the batch. In the background: a process that only reads must not need the broker to
 * start; until it listens, its waits poll the records.
 */
export const followProgress = (c: Container, opened: Opened, { documents = false }: { readonly documents?: boolean } = {}): void => {
  if (c.get(T.Config).bus === 'memory') return; // every read model of this process is local
  const following = async () => {
    const [bus, readModels] = await Promise.all([opened.get(T.Bus), c.getAsync(T.ReadModelDeps)]);
    if (documents) await readModels.recent?.follow(bus);
    await readModels.progress.follow(bus); // stops with the bus
  };
  following().catch((error: unknown) => c.get(T.Logger).warn({ err: error }, 'not hearing read models’ progress; reads poll records'));
};

export const adapterChecks = async (
  opened: Opened,
  which: readonly ('eventStore' | 'readStore' | 'bus')[],
): Promise<Record<string, Check>> => {
  const checks: Record<string, Check> = {};
  if (which.includes('eventStore')) {
    // The log beneath: a process that never reads personal data (the relay) never opens a key for it.
    const store = await opened.get(T.LogStore);
    checks['eventStore'] = () => store.headPosition();
  }
  if (which.includes('readStore')) {
    const readStore = await opened.get(T.ReadStore);
    checks['readStore'] = async () => (await readStore.collection('subscriptions')).count();
  }
  if (which.includes('bus')) {
    const bus = await opened.get(T.Bus);
    checks['bus'] = async () => {
      await bus.deadLetters();
      const { total, byGroup } = bus.foreignMessages();
      return total === 0 ? undefined : `dropped ${total} messages of another event log: ${JSON.stringify(byGroup)}`;
    };
  }
  return checks;
};

/** The adapters a process opened, closed in reverse order when it stops. */
export class Opened {
  private readonly closables: { close(): Promise<void> }[] = [];

  constructor(private readonly c: Container) {}

  async get<A extends { close(): Promise<void> }>(token: ServiceIdentifier<A>): Promise<A> {
    const adapter = await this.c.getAsync(token);
    if (!this.closables.includes(adapter)) this.closables.push(adapter);
    return adapter;
  }

  async closeAll(): Promise<void> {
    for (const adapter of this.closables.reverse()) await adapter.close();
  }
}
