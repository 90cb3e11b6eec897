import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Starts RabbitMQ and FerretDB as the tests do, and returns their URLs. */
export const startServers = (): { amqpUrl: string; mongoUrl: string } => {
  const out = execFileSync('bash', [resolve(ROOT, 'scripts/infra/up.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [key, value] = line.trim().split('=', 2);
    if (key && value) urls.set(key, value);
  }
  return { amqpUrl: urls.get('AMQP_URL') ?? '', mongoUrl: urls.get('MONGODB_URL') ?? '' };
};
