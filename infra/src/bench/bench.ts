import { tempDir } from '../testing/fixtures.js';
import { printTable } from './measure.js';
import { benchBooking } from './booking.bench.js';
import { benchHandler } from './handler.bench.js';
import { benchPlatform } from './platform.bench.js';
import { benchStore } from './store.bench.js';
import { benchRebuild } from './rebuild.bench.js';
import { benchRelay } from './relay.bench.js';
import { startServers } from './servers.js';
import { benchStack } from './stack.bench.js';

/** `npm run bench`: figures on the embedded adapters, each next to its floor measured in this run. */
const main = async () => {
  const dir = tempDir('hcms-bench-');
  try {
    process.stdout.write('HCMS benchmark — embedded adapters (SQLite WAL, in-process bus); events ~500 bytes\n\n');
    const rows = [
      ...(await benchStore(dir.path)),
      ...(await benchHandler(dir.path)),
      ...(await benchPlatform(dir.path)),
      ...(await benchBooking(dir.path)),
    ];
    printTable(rows);
    process.stdout.write('\nProduction adapters — RabbitMQ and FerretDB (started by scripts/infra/up.sh)\n\n');
    const { amqpUrl, mongoUrl } = startServers();
    process.env['HCMS_TEST_AMQP_URL'] = amqpUrl;
    process.env['HCMS_TEST_MONGODB_URL'] = mongoUrl;
    printTable([...(await benchRelay(dir.path, amqpUrl)), ...(await benchRebuild(dir.path, mongoUrl)), ...(await benchStack())]);
  } finally {
    dir.remove();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
