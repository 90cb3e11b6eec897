import type { Container } from 'inversify';
import type { FastifyInstance } from 'fastify';
import type { Route } from '@hcms/shared-kernel';
import { buildHttpServer, type HealthReport } from '../http/http-server.js';
import { T } from '../composition/tokens.js';

export interface RunningRole {
  readonly url: string;
  stop(): Promise<void>;
}

/** Throws when down; a string it returns is shown as the check's detail. */
export type Check = () => Promise<unknown>;

export const VERSION = '0.1.0';

type CheckResult = HealthReport['checks'][string];

const probe = async (check: Check): Promise<CheckResult> => {
  try {
    const detail = await check();
    return typeof detail === 'string' ? { status: 'up', detail } : { status: 'up' };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : 'unavailable' };
  }
};

/** Ready when every check of this process answers. */
export const healthOf = (checks: Readonly<Record<string, Check>>) => async (): Promise<HealthReport> => {
  const report: Record<string, CheckResult> = {};
  for (const [name, check] of Object.entries(checks)) report[name] = await probe(check);
  return { ready: Object.values(report).every((r) => r.status === 'up'), checks: report };
};

/** Every process answers HTTP: its routes (if any), /health and /docs, on HCMS_PORT. */
export const serveHttp = async (
  c: Container,
  routes: readonly Route[],
  checks: Readonly<Record<string, Check>>,
  extra: Pick<Parameters<typeof buildHttpServer>[0], 'dispatch' | 'plugins'> = {},
): Promise<{ app: FastifyInstance; url: string }> => {
  const config = c.get(T.Config);
  const audit = await c.getAsync(T.AuditLog);
  const app = await buildHttpServer({
    routes,
    gate: c.get(T.Gate),
    trail: c.get(T.AuditTrail),
    trustedProxies: config.trustedProxies,
    bodyLimitBytes: config.bodyLimitBytes,
    logLevel: config.logLevel,
    version: VERSION,
    health: healthOf({ ...checks, auditLog: () => audit.check() }),
    ...extra,
  });
  const url = await app.listen({ port: config.port, host: config.host });
  return { app, url };
};
