import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HCMS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/hcms.js');

export type ServiceName =
  'patients' | 'appointments' | 'notifications' | 'consultations' | 'laboratory' | 'billing' | 'query' | 'projector' | 'relay' | 'gateway';

interface ServiceSpec {
  readonly name: ServiceName;
  readonly args: readonly string[];
  readonly port: number;
}

export interface StackOptions {
  readonly dataDir: string;
  readonly amqpUrl: string;
  readonly mongoUrl: string;
  /** The gateway's port; the services take the next free ones. */
  readonly gatewayPort?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Where each service's output goes: a line callback, or files under dataDir/logs. */
  readonly output?: (service: ServiceName, line: string) => void;
}

export interface Stack {
  readonly url: string;
  readonly env: Readonly<Record<string, string>>;
  /** Send a signal (SIGKILL simulates a crash); resolves once the process has exited. */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  start(service: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

/** Ports free right now, all different: the listeners are held open until every one is chosen. */
export const freePorts = async (count: number): Promise<number[]> => {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolveServer, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolveServer(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
};

export const freePort = async (): Promise<number> => (await freePorts(1))[0] ?? 0;

export const waitHealthy = async (port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} while starting`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no healthy answer on port ${port}`);
};

/**
 * The platform as separate processes over RabbitMQ and a MongoDB-wire server: each bounded
 * context, the relay, the projector and the query API, behind a gateway. The event store is a
 * SQLite file shared by the processes (EventStoreDB when HCMS_EVENT_STORE says so).
 */
export const startStack = async (options: StackOptions): Promise<Stack> => {
  mkdirSync(join(options.dataDir, 'logs'), { recursive: true });
  // Chosen together: ports picked one at a time can repeat, and two services would then share one.
  const [
    patients = 0,
    appointments = 0,
    notifications = 0,
    consultations = 0,
    laboratory = 0,
    billing = 0,
    query = 0,
    projector = 0,
    relay = 0,
    gateway = 0,
    mllp = 0,
  ] = await freePorts(11);
  const gatewayPort = options.gatewayPort ?? gateway;
  const port = { patients, appointments, notifications, consultations, laboratory, billing, query, projector, relay };
  const services: ServiceSpec[] = [
    { name: 'patients', args: ['context', 'patients'], port: port.patients },
    { name: 'appointments', args: ['context', 'appointments'], port: port.appointments },
    { name: 'notifications', args: ['context', 'notifications'], port: port.notifications },
    { name: 'consultations', args: ['context', 'consultations'], port: port.consultations },
    { name: 'laboratory', args: ['context', 'laboratory'], port: port.laboratory },
    { name: 'billing', args: ['context', 'billing'], port: port.billing },
    { name: 'query', args: ['query'], port: port.query },
    { name: 'projector', args: ['projector'], port: port.projector },
    { name: 'relay', args: ['relay'], port: port.relay },
    { name: 'gateway', args: ['gateway'], port: gatewayPort },
  ];
  const env: Record<string, string> = {
    // The seal and its signing key (created on first start) live here too.
    HCMS_DATA_DIR: options.dataDir,
    HCMS_EVENT_STORE: join(options.dataDir, 'events.db'),
    HCMS_BUS: options.amqpUrl,
    HCMS_READ_STORE: options.mongoUrl,
    HCMS_AUDIT_LOG: join(options.dataDir, 'audit.db'),
    // The services see the gateway's address; it names the client in x-forwarded-for.
    HCMS_TRUSTED_PROXIES: '127.0.0.1',
    HCMS_PATIENTS_URL: `http://127.0.0.1:${port.patients}`,
    HCMS_QUERY_URL: `http://127.0.0.1:${port.query}`,
    HCMS_APPOINTMENTS_URL: `http://127.0.0.1:${port.appointments}`,
    HCMS_NOTIFICATIONS_URL: `http://127.0.0.1:${port.notifications}`,
    HCMS_CONSULTATIONS_URL: `http://127.0.0.1:${port.consultations}`,
    HCMS_LABORATORY_URL: `http://127.0.0.1:${port.laboratory}`,
    HCMS_BILLING_URL: `http://127.0.0.1:${port.billing}`,
    // Where the laboratory service listens for analysers' HL7 messages.
    HCMS_MLLP_PORT: String(mllp),
    HCMS_RELAY_URL: `http://127.0.0.1:${port.relay}`,
    ...options.env,
  };
  const children = new Map<ServiceName, ChildProcess>();

  const launch = async (spec: ServiceSpec): Promise<void> => {
    const child = spawn(process.execPath, [HCMS, ...spec.args], {
      env: { ...process.env, ...env, HCMS_PORT: String(spec.port), HCMS_HOST: '127.0.0.1', HCMS_STOP_WITH_PARENT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(spec.name, child);
    if (options.output) {
      const forward = (chunk: Buffer) =>
        chunk
          .toString('utf8')
          .split('\n')
          .filter(Boolean)
          .forEach((l) => options.output?.(spec.name, l));
      child.stdout?.on('data', forward);
      child.stderr?.on('data', forward);
    } else {
      const file = createWriteStream(join(options.dataDir, 'logs', `${spec.name}.log`), { flags: 'a' });
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    }
    try {
      await waitHealthy(spec.port, child);
    } catch (error) {
      throw new Error(`${spec.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

  const kill = async (name: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = children.get(name);
    if (!child) return;
    child.kill(signal);
    await exited(child);
    children.delete(name);
  };

  for (const spec of services) await launch(spec);
  return {
    url: `http://127.0.0.1:${gatewayPort}`,
    env,
    kill,
    start: async (name) => {
      const spec = services.find((s) => s.name === name);
      if (spec) await launch(spec);
    },
    stop: async () => {
      for (const spec of [...services].reverse()) await kill(spec.name, 'SIGTERM');
    },
  };
};
