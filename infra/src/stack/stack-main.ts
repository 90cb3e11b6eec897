import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { startStack, type ServiceName } from './stack.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const colours: Record<ServiceName, string> = {
  patients: '36',
  appointments: '96',
  notifications: '95',
  consultations: '93',
  laboratory: '91',
  billing: '92',
  query: '32',
  projector: '35',
  relay: '33',
  gateway: '34',
};

/**
 * `npm run stack`: starts RabbitMQ and FerretDB (scripts/infra/up.sh), then every service as its
 * own process, the gateway on HCMS_PORT (3000). Ctrl-C stops the services cleanly.
 */
const main = async () => {
  const servers = Object.fromEntries(
    execFileSync('bash', [resolve(ROOT, 'scripts/infra/up.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
      .split('\n')
      .map((l) => l.split('=', 2))
      .filter((kv): kv is [string, string] => kv.length === 2),
  );
  const config = loadConfig();
  const stack = await startStack({
    dataDir: config.dataDir,
    amqpUrl: process.env['HCMS_BUS'] ?? servers['AMQP_URL'] ?? '',
    mongoUrl: process.env['HCMS_READ_STORE'] ?? `${servers['MONGODB_URL'] ?? ''}hcms`,
    gatewayPort: config.port,
    output: (service, line) => process.stdout.write(`\u001b[${colours[service]}m${service.padEnd(9)}\u001b[0m ${line}\n`),
  });
  process.stdout.write(`HCMS stack is up: gateway ${stack.url} (API document: ${stack.url}/docs). Ctrl-C stops it.\n`);
  const shutdown = () => {
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  process.stderr.write(`stack: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
