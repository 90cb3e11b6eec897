import type { Container } from 'inversify';
import type { Consumer, Route, SubscriptionStore } from '@hcms/shared-kernel';
import { deadLetterRoutes } from '../http/dead-letter.routes.js';
import { forwarding, forwardingTo } from '../http/forwarding.js';
import { auditRoutes, emergencyAccessRoutes } from '../audit/audit.routes.js';
import { appointmentRoutes, type AppointmentsDeps } from '@hcms/appointments';
import { encounterRoutes, type ConsultationsDeps } from '@hcms/consultations';
import { laboratoryRoutes, type LaboratoryDeps } from '@hcms/laboratory';
import { billingRoutes, type BillingDeps } from '@hcms/billing';
import { notificationRoutes, type NotificationsDeps } from '@hcms/notifications';
import { outboxRoutes } from '../http/outbox.routes.js';
import { patientRoutes, type PatientsDeps } from '@hcms/patients';
import { queryRoutes, type ReadModelDeps } from '@hcms/projections';
import { CONTEXT_MODULES, CONTEXTS, type ContextName } from './contexts.js';
import { T } from '../composition/tokens.js';
import { adapterChecks, followProgress, Opened, startProjectors, startRelay, startIntegrity } from './components.js';
import { serveHttp, type RunningRole } from './role.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { integrityRoutes } from '../integrity/integrity.routes.js';
import type { Sealer } from '../integrity/sealer.js';
import { exportRoutes } from '../integrity/export/export.routes.js';
import type { ExportJobs } from '../integrity/export/export-jobs.js';

export { CONTEXTS, type ContextName };
export type RoleName = 'all' | 'relay' | 'projector' | 'query' | 'gateway' | { readonly context: ContextName };

const running = (url: string, stop: () => Promise<void>): RunningRole => ({ url, stop });

/** How often a relay that watches the event store's file polls it while nobody writes it. */
const IDLE_POLL_MS = 250;

/** Each role of the `hcms` binary; `all` is every one of them in this process. */
export const startRole = async (c: Container, role: RoleName): Promise<RunningRole> => {
  const opened = new Opened(c);
  // Every process that answers requests records them; closed last, after its server stopped.
  await opened.get(T.AuditLog);
  if (role === 'all') {
    const { runners } = await startProjectors(c, opened);
    const { relay, checks } = await startRelay(c, opened);
    const integrity = await startIntegrity(c, opened);
    const store = await opened.get(T.EventStore);
    const policies: Consumer[] = [];
    const readModels = await c.getAsync(T.ReadModelDeps);
    const routes = [...queryRoutes(readModels, store, c.get(T.Clock), c.get(T.BillingReadPorts)), ...deadLetterRoutes(readModels.records)];
    for (const name of CONTEXTS) {
      routes.push(...(await CONTEXT_MODULES[name].routes(c)));
      policies.push(...(await CONTEXT_MODULES[name].policies(c, opened)));
    }
    routes.push(...(await auditorsRoutes(c, routes)), ...integrity.routes);
    const { app, url } = await serveHttp(c, routes, {
      ...(await adapterChecks(opened, ['eventStore', 'readStore', 'bus'])),
      ...checks,
      ...integrity.checks,
    });
    return running(url, async () => {
      await app.close();
      for (const policy of policies) await policy.stop();
      await integrity.stop();
      await relay.stop();
      for (const runner of runners) await runner.stop();
      await opened.closeAll();
    });
  }
  if (role === 'relay') {
    // This process never appends: its checkpoint need not fsync (after a power loss it may go back
    // a little, which rings some doorbells twice), and every fsync it spared is one the appends share less.
    const store = await opened.get(T.LogStore); // opened first: its one-time claim of a log id must be durable
    if (c.isBound(T.EventsDb)) (await c.getAsync(T.EventsDb)).pragma('synchronous = NORMAL');
    // The services append to the shared file from their own processes: heard when they write it, and
    // polled rarely while nobody does.
    if (store instanceof SqliteEventStore) store.hearOtherWriters(IDLE_POLL_MS);
    const { relay, checks } = await startRelay(c, opened, { untilCaughtUp: false });
    // It follows the whole log already: it seals it, and the audit log, and cuts exports from them.
    const integrity = await startIntegrity(c, opened);
    const { app, url } = await serveHttp(c, integrity.routes, {
      ...(await adapterChecks(opened, ['eventStore', 'bus'])),
      ...checks,
      ...integrity.checks,
    });
    return running(url, async () => (await app.close(), await integrity.stop(), await relay.stop(), await opened.closeAll()));
  }
  if (role === 'projector') {
    // Ready to serve while it catches up: an orchestrator must not kill it for a long catch-up.
    const { runners } = await startProjectors(c, opened, { untilCaughtUp: false });
    const { app, url } = await serveHttp(c, [], await adapterChecks(opened, ['eventStore', 'readStore', 'bus']));
    return running(url, async () => {
      await app.close();
      for (const runner of runners) await runner.stop();
      await opened.closeAll();
    });
  }
  if (role === 'query') {
    const store = await opened.get(T.EventStore);
    await opened.get(T.ReadStore);
    // The query answers reads by id after a write from the documents its projector announces.
    followProgress(c, opened, { documents: true });
    const readModels = await c.getAsync(T.ReadModelDeps);
    const routes = [...queryRoutes(readModels, store, c.get(T.Clock), c.get(T.BillingReadPorts)), ...deadLetterRoutes(readModels.records)];
    // Auditors are served here; a history they replay is rebuilt from the log by the Patients route's own code.
    const reproducible = [...routes, ...patientRoutes(await c.getAsync(T.PatientsDeps))];
    routes.push(...(await auditorsRoutes(c, reproducible)));
    const { app, url } = await serveHttp(c, routes, await adapterChecks(opened, ['eventStore', 'readStore']));
    return running(url, async () => (await app.close(), await opened.closeAll()));
  }
  if (role === 'gateway') return startGateway(c, opened);
  const context = CONTEXT_MODULES[role.context];
  const readsModels = (context.adapters as readonly string[]).includes('readStore');
  if (readsModels) followProgress(c, opened);
  const checks = await adapterChecks(opened, context.adapters);
  const policies = await context.policies(c, opened);
  const { app, url } = await serveHttp(c, await context.routes(c), checks);
  return running(url, async () => {
    await app.close();
    for (const policy of policies) await policy.stop();
    await opened.closeAll();
  });
};

/** The audit log's queries and emergency access; `reproducible`: the routes whose answers `view` rebuilds. */
const auditorsRoutes = async (c: Container, reproducible: readonly Route[]): Promise<Route[]> => {
  const log = await c.getAsync(T.AuditLog);
  const { emergencyAccessMaxMinutes } = c.get(T.Config);
  return [...auditRoutes(log, reproducible), ...emergencyAccessRoutes(log, c.get(T.Ids), c.get(T.Clock), emergencyAccessMaxMinutes)];
};

/**
 * Descriptors only: the gateway forwards these routes and never runs their handlers. `known`: the
 * settings a service builds its descriptors from (Billing's currency is in its request schemas).
 */
const remote = <D extends object>(service: string, known: Partial<D> = {}): D =>
  new Proxy(known as D, {
    get: (target, key) => {
      if (Object.hasOwn(target, key)) return target[key as keyof D];
      throw new Error(`the gateway forwards ${service} requests; it does not handle them`);
    },
  });

/**
 * One HTTP entry for clients: every route of every service, documented together at /docs,
 * each forwarded to the process that owns it.
 */
const startGateway = async (c: Container, opened: Opened): Promise<RunningRole> => {
  const { upstreams, billing: billingConfig } = c.get(T.Config);
  const { patients, appointments, notifications, consultations, laboratory, billing, query, relay } = upstreams;
  if (!patients || !appointments || !notifications || !consultations || !laboratory || !billing || !query || !relay) {
    throw new Error(
      'the gateway needs HCMS_PATIENTS_URL, HCMS_APPOINTMENTS_URL, HCMS_NOTIFICATIONS_URL, HCMS_CONSULTATIONS_URL, HCMS_LABORATORY_URL, HCMS_BILLING_URL, HCMS_QUERY_URL and HCMS_RELAY_URL',
    );
  }
  const owner = new Map<Route, string>();
  patientRoutes(remote<PatientsDeps>('patients')).forEach((r) => owner.set(r, patients));
  appointmentRoutes(remote<AppointmentsDeps>('appointments')).forEach((r) => owner.set(r, appointments));
  encounterRoutes(remote<ConsultationsDeps>('consultations')).forEach((r) => owner.set(r, consultations));
  laboratoryRoutes(remote<LaboratoryDeps>('laboratory')).forEach((r) => owner.set(r, laboratory));
  // The same currency as the billing service's configuration, so the document names the one it takes.
  billingRoutes(remote<BillingDeps>('billing', { currency: billingConfig.currency })).forEach((r) => owner.set(r, billing));
  [...notificationRoutes(remote<NotificationsDeps>('notifications')), ...outboxRoutes(remote('notifications'))].forEach((r) =>
    owner.set(r, notifications),
  );
  queryRoutes(remote<ReadModelDeps>('query'), remote('query'), remote('query'), c.get(T.BillingReadPorts)).forEach((r) =>
    owner.set(r, query),
  );
  deadLetterRoutes(remote<SubscriptionStore>('query')).forEach((r) => owner.set(r, query));
  (await auditorsRoutes(c, [])).forEach((r) => owner.set(r, query));
  [...integrityRoutes(remote<Sealer>('relay'), ''), ...exportRoutes(remote<ExportJobs>('relay'))].forEach((r) => owner.set(r, relay));
  const upstreamHealthy = (base: string) => async () => {
    const response = await fetch(`${base}/health`);
    if (!response.ok) throw new Error(`${base} answered ${response.status}`);
  };
  const { app, url } = await serveHttp(
    c,
    [...owner.keys()],
    {
      patients: upstreamHealthy(patients),
      appointments: upstreamHealthy(appointments),
      consultations: upstreamHealthy(consultations),
      laboratory: upstreamHealthy(laboratory),
      billing: upstreamHealthy(billing),
      query: upstreamHealthy(query),
      relay: upstreamHealthy(relay),
    },
    { dispatch: forwardingTo((route) => owner.get(route) ?? '', c.get(T.Gate), c.get(T.AuditTrail)), plugins: forwarding },
  );
  return running(url, async () => (await app.close(), await opened.closeAll()));
};
