import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NewEvent } from '@hcms/shared-kernel';
import { SqliteAuditLog } from '../../audit/sqlite-audit-log.js';
import { openDatabase } from '../../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';
import { systemClock } from '../../system/system-clock.js';
import { auditEntry } from '../../testing/audit-fixtures.js';
import { eventually, newEvent, tempDir } from '../../testing/fixtures.js';
import { HCMS } from '../../testing/spawned-platform.js';
import { publicKeyPem } from '../key-files.js';
import { Sealer } from '../sealer.js';
import { SqliteSealStore } from '../sqlite-seal-store.js';
import { exportRecord } from './exporter.js';
import { verifyExport, type VerifyReport } from './verify-export.js';

const run = promisify(execFile);
const { privateKey: key } = generateKeyPairSync('ed25519');
const publicKey = createPublicKey(key);
const PATIENT = randomUUID();

/** A seeded generator (mulberry32): the same mutations on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Mutation = 'edit' | 'delete' | 'insert' | 'swap' | 'truncate';
const MUTATIONS: readonly Mutation[] = ['edit', 'delete', 'insert', 'swap', 'truncate'];

/**
 * Damages one NDJSON file of an export the way an insider or a broken copy would, and says which
 * line is the first bad one (1-based).
 */
const mutate = (path: string, how: Mutation, int: (below: number) => number): number => {
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  const i = int(lines.length);
  switch (how) {
    case 'edit': {
      const line = lines[i] as string;
      const at = int(line.length);
      const replacement = line[at] === 'x' ? 'y' : 'x';
      lines[i] = `${line.slice(0, at)}${replacement}${line.slice(at + 1)}`;
      break;
    }
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'insert':
      // A copy of another entry: well-formed, signed once, but not at this place.
      lines.splice(i, 0, lines[(i + 1 + int(lines.length - 1)) % lines.length] as string);
      break;
    case 'swap': {
      const j = (i + 1 + int(lines.length - 1)) % lines.length;
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      writeFileSync(path, `${lines.join('\n')}\n`);
      return Math.min(i, j) + 1;
    }
    case 'truncate': {
      // Cut short, possibly in the middle of a line.
      const text = readFileSync(path);
      const keep = lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0) + int(((lines[i] as string).length + 1) / 2);
      writeFileSync(path, text.subarray(0, keep));
      return i + 1;
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return i + 1;
};

describe('An export, verified offline', function () {
  this.timeout(120_000);
  const dir = tempDir('hcms-export-');
  const data = join(dir.path, 'data');
  const exports = (name: string) => join(dir.path, name);
  let store: SqliteEventStore;
  let audit: SqliteAuditLog;
  let seal: SqliteSealStore;
  let sealer: Sealer;

  const event = (i: number): NewEvent => {
    const e = newEvent(i % 3 === 0 ? 'patients.Noted' : 'appointments.Noted', { i, note: `entry ${i}` });
    return i % 3 === 0 ? { ...e, metadata: { ...e.metadata, patientId: PATIENT } } : e;
  };
  const sealAll = async () => {
    const [head, audited] = [await store.headPosition(), (await audit.find({ limit: 1, newestFirst: true }))[0]?.sequence ?? 0];
    await eventually(
      () => sealer.logs.events.status.position === head && sealer.logs.events.status.signedSize === sealer.logs.events.status.size,
      'the event log sealed and signed',
    );
    await eventually(
      () => sealer.logs.audit.status.position === audited && sealer.logs.audit.status.signedSize === audited,
      'the audit log signed',
    );
  };
  const exportTo = (name: string, filter = {}) =>
    exportRecord({ store, auditLog: audit, seal, key, clock: systemClock }, { out: exports(name), filter });

  before(async () => {
    store = new SqliteEventStore(openDatabase(join(data, 'events.db'), 'full'), systemClock, 20);
    audit = SqliteAuditLog.open(join(data, 'audit.db'), 'full');
    seal = SqliteSealStore.open(join(data, 'seal.db'));
    for (let i = 0; i < 90; i++) await store.append(`stream-${i % 7}`, [event(i)], 'any');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => audit.record(auditEntry(i + 1, i % 4 === 0 ? { patientIds: [PATIENT] } : { patientIds: [] }))),
    );
    sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: 'hcms.test' });
    await sealAll();
    await exportTo('complete');
    await exportTo('patient', { patientId: PATIENT });
    writeFileSync(join(dir.path, 'public.pem'), publicKeyPem(key));
  });
  after(async () => {
    await sealer.stop();
    await Promise.all([store.close(), audit.close(), seal.close()]);
    dir.remove();
  });

  const verified = (name: string, prior?: string) => verifyExport(exports(name), publicKey, prior);
  const firstBad = (report: VerifyReport, file: string) => report.findings.find((f) => f.file === file);

  it('passes whole: every entry of both logs, and one patient’s entries each with its inclusion proof', async () => {
    const complete = await verified('complete');
    expect(complete.findings).to.deep.equal([]);
    expect(complete.proved).to.deep.equal([
      'events: 90 entries proved in the checkpoint of 90 signed by hcms.test/events',
      'audit: 40 entries proved in the checkpoint of 40 signed by hcms.test/audit',
    ]);
    const patient = await verified('patient');
    expect(patient.ok, JSON.stringify(patient.findings)).to.equal(true);
    expect(patient.proved[0]).to.equal('events: 30 entries proved in the checkpoint of 90 signed by hcms.test/events');
    expect(patient.proved[1]).to.equal('audit: 10 entries proved in the checkpoint of 40 signed by hcms.test/audit');
  });

  it('names the first bad line of 200 random edits, deletions, insertions, swaps and truncations', async () => {
    const int = (
      (next) => (below: number) =>
        Math.floor(next() * below)
    )(random(2026));
    const missed: string[] = [];
    for (let n = 0; n < 200; n++) {
      const source = n % 2 === 0 ? 'complete' : 'patient';
      const file = n % 5 < 3 ? 'events.ndjson' : 'audit.ndjson';
      const how = MUTATIONS[n % MUTATIONS.length] as Mutation;
      const copy = exports(`fuzz-${n}`);
      cpSync(exports(source), copy, { recursive: true });
      const expected = mutate(join(copy, file), how, int);
      const report = await verifyExport(copy, publicKey);
      const found = firstBad(report, file);
      if (report.ok || found?.line !== expected)
        missed.push(`${n}: ${how} of ${source}/${file} at line ${expected}: ${JSON.stringify(report.findings)}`);
      rmSync(copy, { recursive: true });
    }
    expect(missed).to.deep.equal([]);
  });

  it('refuses an altered manifest, checkpoint or leaf hashes, and a file the lines do not cover', async () => {
    const damaged = (name: string, file: string, change: (text: Buffer) => Buffer) => {
      const copy = exports(name);
      cpSync(exports('patient'), copy, { recursive: true });
      writeFileSync(join(copy, file), change(readFileSync(join(copy, file))));
      return verifyExport(copy, publicKey);
    };
    const flip = (at: number) => (b: Buffer) => Buffer.from(b.map((byte, i) => (i === at ? byte ^ 1 : byte)));
    expect(
      (await damaged('m', 'manifest.json', (b) => Buffer.from(b.toString().replace('"entries": 30', '"entries": 29')))).findings[0],
    ).to.include({
      file: 'manifest.sig',
    });
    expect((await damaged('c', 'events.checkpoint', flip(20))).findings[0]?.file).to.equal('events.checkpoint');
    expect((await damaged('p', 'events.proofs.ndjson', flip(30))).findings[0]).to.include({ file: 'events.ndjson', line: 1 });
    const leaves = await damaged('l', 'audit.leaves', flip(40));
    expect(leaves.ok).to.equal(false);
    expect(leaves.findings.map((f) => f.file)).to.include('audit.leaves');
    const complete = exports('cl');
    cpSync(exports('complete'), complete, { recursive: true });
    writeFileSync(join(complete, 'events.leaves'), flip(100)(readFileSync(join(complete, 'events.leaves'))));
    expect((await verifyExport(complete, publicKey)).findings[0]).to.deep.equal({
      file: 'events.leaves',
      message: 'the leaf hashes were altered (the entries themselves match the checkpoint)',
    });
  });

  it('does not pass an export that proves nothing (nothing signed yet)', async () => {
    const empty = SqliteSealStore.open(join(dir.path, 'empty-seal.db'));
    await exportRecord({ store, auditLog: audit, seal: empty, key, clock: systemClock }, { out: exports('nothing'), filter: {} });
    await empty.close();
    const report = await verified('nothing');
    expect(report.ok).to.equal(false);
    expect(report.findings[0]?.message).to.equal('the export holds no signed log: there is nothing to verify');
  });

  it('has a manifest signature OpenSSL verifies with the public key alone', async () => {
    const sig = join(dir.path, 'manifest.sig.bin');
    writeFileSync(sig, Buffer.from(readFileSync(join(exports('complete'), 'manifest.sig'), 'utf8').trim(), 'base64'));
    const { stdout } = await run('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      join(dir.path, 'public.pem'),
      '-rawin',
      '-in',
      join(exports('complete'), 'manifest.json'),
      '-sigfile',
      sig,
    ]);
    expect(stdout).to.match(/Signature Verified Successfully/);
  });

  it('proves a later export extends an earlier checkpoint, and catches a history rewritten and signed again', async () => {
    for (let i = 90; i < 120; i++) await store.append(`stream-${i % 7}`, [event(i)], 'any');
    await sealAll();
    await exportTo('later');
    const prior = readFileSync(join(exports('complete'), 'events.checkpoint'), 'utf8');
    const extended = await verified('later', prior);
    expect(extended.ok, JSON.stringify(extended.findings)).to.equal(true);
    expect(extended.proved).to.include('events: extends the prior checkpoint of 90 entries (consistency proof)');

    // An insider with the files and the key: one early event changed, the seal made again from scratch.
    await sealer.stop();
    await seal.close();
    const db = openDatabase(join(data, 'events.db'), 'full');
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET data = json_set(data, '$.note', 'rewritten') WHERE position = 5").run();
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(data, `seal.db${suffix}`), { force: true });
    seal = SqliteSealStore.open(join(data, 'seal.db'));
    sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: 'hcms.test' });
    await sealAll();
    await exportTo('rewritten');
    expect((await verified('rewritten')).ok, 'consistent with itself').to.equal(true);
    const caught = await verified('rewritten', prior);
    expect(caught.ok).to.equal(false);
    expect(caught.findings[0]?.message).to.equal('the log was rewritten: the prior checkpoint of 90 entries is not a prefix of this one');
  });

  it('is the `hcms verify` command: exit 0 when intact, 1 naming the first bad line when not', async () => {
    const args = (name: string) => [HCMS, 'verify', exports(name), '--public-key', join(dir.path, 'public.pem')];
    const intact = await run(process.execPath, args('complete'));
    expect(intact.stdout).to.match(/verified\n$/);
    const copy = exports('cli-bad');
    cpSync(exports('complete'), copy, { recursive: true });
    mutate(join(copy, 'events.ndjson'), 'delete', () => 6);
    const failed = await run(process.execPath, args('cli-bad')).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).to.equal(1);
    expect(failed?.stdout).to.match(/BAD events\.ndjson, line 7, position \d+: entry 7 of the log is not the one sealed/);
  });
});
