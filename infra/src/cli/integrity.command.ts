import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { platformContainer } from '../composition/container.js';
import { publicKeyPem, signingKeyFrom } from '../integrity/key-files.js';
import { exportRecord } from '../integrity/export/exporter.js';
import { openExportDeps } from '../integrity/export/open-export-deps.js';
import { verifyExport } from '../integrity/export/verify-export.js';
import { SEALED_LOGS } from '../integrity/sqlite-seal-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const patientId = (value: string): string => {
  if (!UUID.test(value)) throw new InvalidArgumentError('must be a patient id (a UUID)');
  return value.toLowerCase();
};

const instant = (value: string): string => {
  if (!/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('must be an ISO 8601 date or date-time with its offset, e.g. 2026-11-01 or 2026-11-01T08:00:00Z');
  }
  return new Date(value).toISOString();
};

/** `hcms export`: the record, cut at the newest signed checkpoints, with what proves it. */
export const exportCommand = (): Command =>
  new Command('export')
    .description('write the event and audit logs (or one patient’s entries, or a time window) with signed checkpoints and proofs')
    .requiredOption('--out <dir>', 'a new or empty directory')
    .option('--patient <id>', 'only the entries about this patient, each with its inclusion proof', patientId)
    .option('--from <time>', 'only entries recorded at or after', instant)
    .option('--to <time>', 'only entries recorded before', instant)
    .action(async (options: { out: string; patient?: string; from?: string; to?: string }) => {
      const deps = await openExportDeps(platformContainer(loadConfig()));
      const head = await deps.store.headPosition();
      const bar = new cliProgress.SingleBar(
        { format: 'export [{bar}] {percentage}% | {value}/{total} entries', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
        cliProgress.Presets.shades_classic,
      );
      bar.start(1, 0);
      const filter = {
        ...(options.patient ? { patientId: options.patient } : {}),
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
      };
      const manifest = await exportRecord(deps, {
        out: options.out,
        filter,
        onProgress: (done, total) => (bar.setTotal(Math.max(1, total)), bar.update(done)),
      });
      bar.stop();
      for (const log of SEALED_LOGS) {
        const exported = manifest.logs[log];
        if (!exported) {
          process.stdout.write(`${log}: nothing signed yet\n`);
          continue;
        }
        const behind = exported.headPosition - exported.lastPosition;
        const unsigned = behind > 0 ? ` (the log went ${behind} positions further, not signed yet)` : '';
        process.stdout.write(`${log}: ${exported.entries} entries, cut at the checkpoint of ${exported.size}${unsigned}\n`);
      }
      const sealed = manifest.logs.events?.size ?? 0;
      if (sealed === 0 && head > 0)
        process.stdout.write('the event log is not sealed yet: start the platform (its sealer signs within a second), then export again\n');
      process.stdout.write(`written to ${options.out} (manifest.json, signed in manifest.sig)\n`);
      await deps.close();
    });

/** `hcms verify`: offline, with the public key alone. */
export const verifyCommand = (): Command =>
  new Command('verify')
    .description(
      'verify an export offline: signatures, every entry against its checkpoint, and optionally that it extends a prior checkpoint',
    )
    .argument('<dir>', 'the export directory')
    .requiredOption('--public-key <file>', 'the signing key’s public half (PEM), as `hcms keys public` prints it')
    .option('--prior-checkpoint <file>', 'a checkpoint kept from before (e.g. an earlier export’s events.checkpoint)')
    .action(async (dir: string, options: { publicKey: string; priorCheckpoint?: string }) => {
      const key = createPublicKey(readFileSync(options.publicKey));
      const prior = options.priorCheckpoint === undefined ? undefined : readFileSync(options.priorCheckpoint, 'utf8');
      const report = await verifyExport(dir, key, prior);
      const m = report.manifest;
      // What was verified, so an export cannot pass for another (an older cut, another patient or window).
      if (m)
        process.stdout.write(
          `export of ${m.exportedAt}, ${m.scope}${Object.keys(m.filter).length ? ` ${JSON.stringify(m.filter)}` : ''}\n`,
        );
      for (const line of report.proved) process.stdout.write(`ok  ${line}\n`);
      for (const f of report.findings) {
        const where = [f.file, f.line === undefined ? '' : `line ${f.line}`, f.position === undefined ? '' : `position ${f.position}`]
          .filter(Boolean)
          .join(', ');
        process.stdout.write(`BAD ${where}: ${f.message}\n`);
      }
      process.stdout.write(report.ok ? 'verified\n' : 'NOT verified\n');
      process.exitCode = report.ok ? 0 : 1;
    });

/** `hcms keys public`: what auditors verify with. */
export const keysCommand = (): Command => {
  const command = new Command('keys').description('the keys the platform signs with');
  command
    .command('public')
    .description('print the public key (PEM) that checkpoints and exports are verified with')
    .action(async () => {
      const config = loadConfig();
      const key = signingKeyFrom(config.signingKeyFile, {
        create: config.createKeys.signing,
        onCreated: (path) =>
          process.stderr.write(`warning: created a signing key at ${path}; production keeps it elsewhere (HCMS_SIGNING_KEY_FILE)\n`),
      });
      process.stdout.write(publicKeyPem(key));
    });
  return command;
};
