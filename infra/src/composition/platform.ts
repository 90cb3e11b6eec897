import type { FastifyInstance } from 'fastify';
import type { Container } from 'inversify';
import { ProjectionRunner, projections, queryRoutes } from '@hcms/projections';
import { patientRoutes } from '@hcms/patients';
import { buildHttpServer, type HealthReport } from '../http/http-server.js';
import { Relay } from '../relay/relay.js';
import { T } from './tokens.js';

const VERSION = '0.1.0';

/**
 * Every role in one process (`hcms start`): command APIs, relay, projectors and query API.
 * Start order matters: consumers exist before the relay publishes; stop is the reverse.
 */
export class Platform {
  private readonly runners: ProjectionRunner<unknown>[] = [];
  private relay?: Relay;
  private http?: FastifyInstance;

  constructor(private readonly container: Container) {}

  async start(): Promise<{ url: string }> {
    const c = this.container;
    const config = c.get(T.Config);
    const log = c.get(T.Logger);
    config.warnings.forEach((w) => log.warn(w));
    const store = c.get(T.EventStore);
    const bus = c.get(T.Bus);
    const readStore = c.get(T.ReadStore);
    const readModels = c.get(T.ReadModelDeps);

    for (const projection of projections) {
      const runner = new ProjectionRunner(projection, { store, readStore, bus });
      await runner.start();
      readModels.progress.register(runner);
      this.runners.push(runner);
    }
    this.relay = new Relay(store, bus, c.get(T.Checkpoints), log.child({ role: 'relay' }));
    await this.relay.start();

    this.http = await buildHttpServer({
      routes: [...patientRoutes(c.get(T.PatientsDeps)), ...queryRoutes(readModels, store)],
      tokens: c.get(T.Tokens),
      bodyLimitBytes: config.bodyLimitBytes,
      logLevel: config.logLevel,
      version: VERSION,
      health: () => this.health(),
    });
    const url = await this.http.listen({ port: config.port, host: config.host });
    log.info({ url, dataDir: config.dataDir }, 'hcms started');
    return { url };
  }

  async stop(): Promise<void> {
    await this.http?.close();
    await this.relay?.stop();
    for (const runner of this.runners) await runner.stop();
    await this.container.get(T.Bus).close();
    await this.container.get(T.EventStore).close();
    await this.container.get(T.ReadStore).close();
  }

  private async health(): Promise<HealthReport> {
    const store = this.container.get(T.EventStore);
    const check = async (probe: () => Promise<unknown>) => {
      try {
        await probe();
        return { status: 'up' as const };
      } catch (error) {
        return { status: 'down' as const, detail: error instanceof Error ? error.message : 'unavailable' };
      }
    };
    const relay = this.relay?.status;
    const checks = {
      eventStore: await check(() => store.headPosition()),
      readStore: await check(async () => (await this.container.get(T.ReadStore).collection('projection_checkpoints')).count()),
      bus: await check(async () => this.container.get(T.Bus).deadLetters()),
      relay: relay?.healthy ? { status: 'up' as const } : { status: 'down' as const, detail: 'relay not running' },
    };
    return { ready: Object.values(checks).every((ch) => ch.status === 'up'), checks };
  }
}
