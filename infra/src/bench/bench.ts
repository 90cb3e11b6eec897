import { tempDir } from '../testing/fixtures.js';
import { printTable, type Row } from './measure.js';
import { benchAudit } from './audit.bench.js';
import { benchBooking } from './booking.bench.js';
import { benchConsultation } from './consultation.bench.js';
import { benchLaboratory } from './laboratory.bench.js';
import { benchBilling } from './billing.bench.js';
import { embeddedRegistrationRate } from './embedded-registration.js';
import { benchHandler } from './handler.bench.js';
import { benchEncryption, benchIntegrity } from './integrity.bench.js';
import { benchPlatform } from './platform.bench.js';
import { benchStore } from './store.bench.js';
import { benchRebuild } from './rebuild.bench.js';
import { benchRelay } from './relay.bench.js';
import { startServers } from './servers.js';
import { benchStack } from './stack.bench.js';

/**
 * `npm run bench`: figures on the embedded adapters, each next to its floor measured in this run,
 * then the production adapters and the real stack. `bench.js stack` (or HCMS_BENCH_ONLY=stack)
 * runs only the real stack, against the embedded HTTP registration rate measured first; `bench.js audit`
 * only the audited reads, `bench.js integrity` only the seal, export, verification and encryption,
 * `bench.js consultation` only encounters from opening to signature, `bench.js laboratory` only
 * HL7 results and their way to the chart, `bench.js billing` only payments with idempotency keys.
 */
const main = async () => {
  const only = process.argv[2] ?? process.env['HCMS_BENCH_ONLY'];
  if (only !== undefined && !['stack', 'audit', 'integrity', 'consultation', 'laboratory', 'billing'].includes(only))
    throw new Error(
      `unknown part "${only}": the parts that run alone are "stack", "audit", "integrity", "consultation", "laboratory" and "billing"`,
    );
  const dir = tempDir('hcms-bench-');
  try {
    if (only === 'audit') {
      process.stdout.write('HCMS benchmark — audited reads only\n\n');
      printTable(await benchAudit(dir.path));
      return;
    }
    if (only === 'consultation') {
      process.stdout.write('HCMS benchmark — a consultation from opening to signature only\n\n');
      printTable(await benchConsultation(`${dir.path}/consultation`));
      return;
    }
    if (only === 'laboratory') {
      process.stdout.write('HCMS benchmark — HL7 results and their way to the chart only\n\n');
      printTable(await benchLaboratory(`${dir.path}/laboratory`));
      return;
    }
    if (only === 'billing') {
      process.stdout.write('HCMS benchmark — payments with idempotency keys only\n\n');
      printTable(await benchBilling(`${dir.path}/billing`));
      return;
    }
    if (only === 'integrity') {
      process.stdout.write('HCMS benchmark — the seal, export and verification only\n\n');
      printTable([...(await benchIntegrity(dir.path)), ...(await benchEncryption(dir.path))]);
      return;
    }
    let embeddedRate: number;
    let adapterRows: Row[] = [];
    if (only === 'stack') {
      process.stdout.write('HCMS benchmark — the real stack only\n\n');
      embeddedRate = await embeddedRegistrationRate(`${dir.path}/embedded`);
    } else {
      process.stdout.write('HCMS benchmark — embedded adapters (SQLite WAL, in-process bus); events ~500 bytes\n\n');
      const store = await benchStore(dir.path);
      const handler = await benchHandler(dir.path);
      const platform = await benchPlatform(dir.path);
      embeddedRate = platform.httpRegistrationRate;
      printTable([
        ...store,
        ...handler,
        ...platform.rows,
        ...(await benchBooking(dir.path)),
        ...(await benchConsultation(`${dir.path}/consultation`)),
        ...(await benchLaboratory(`${dir.path}/laboratory`)),
        ...(await benchBilling(`${dir.path}/billing`)),
        ...(await benchAudit(dir.path)),
        ...(await benchIntegrity(dir.path)),
      ]);
    }
    const { amqpUrl, mongoUrl } = startServers();
    process.env['HCMS_TEST_AMQP_URL'] = amqpUrl;
    process.env['HCMS_TEST_MONGODB_URL'] = mongoUrl;
    if (only !== 'stack') adapterRows = [...(await benchRelay(dir.path, amqpUrl)), ...(await benchRebuild(dir.path, mongoUrl))];
    const stack = await benchStack(amqpUrl, mongoUrl, embeddedRate);
    process.stdout.write('\nProduction adapters — RabbitMQ and FerretDB (started by scripts/infra/up.sh), and the real stack\n\n');
    printTable([...adapterRows, ...stack.catchUp, ...stack.load]);
    process.stdout.write(`\n${stack.notes.map((n) => `  ${n}`).join('\n')}\n`);
  } finally {
    dir.remove();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
