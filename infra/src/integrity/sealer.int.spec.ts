import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import {
  leafHash,
  openCheckpoint,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
  type EventStore,
} from '@hcms/shared-kernel';
import { SqliteAuditLog } from '../audit/sqlite-audit-log.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { systemClock } from '../system/system-clock.js';
import { auditEntry } from '../testing/audit-fixtures.js';
import { eventually, newEvent, tempDir, uniqueStream } from '../testing/fixtures.js';
import { auditEntryBytes, envelopeLeaf } from './envelope-leaf.js';
import { Sealer } from './sealer.js';
import { SqliteSealStore } from './sqlite-seal-store.js';

const { privateKey: key } = generateKeyPairSync('ed25519');
const ORIGIN = 'hcms.test';

describe('The sealer (real SQLite files)', function () {
  this.timeout(30_000);
  const dir = tempDir();
  after(() => dir.remove());
  let n = 0;

  const platform = () => {
    const at = join(dir.path, `p${++n}`);
    return {
      store: () => new SqliteEventStore(openDatabase(join(at, 'events.db'), 'full'), systemClock, 20),
      audit: () => SqliteAuditLog.open(join(at, 'audit.db'), 'full'),
      seal: () => SqliteSealStore.open(join(at, 'seal.db')),
    };
  };
  const appendSome = async (store: EventStore, count: number) => {
    for (let i = 0; i < count; i++) await store.append(uniqueStream(), [newEvent('test.Sealed', { i })], 'no-stream');
  };
  const opened = (note: string, log: string): Checkpoint => {
    const checkpoint = openCheckpoint(note, `${ORIGIN}/${log}`, createPublicKey(key));
    if ('error' in checkpoint) throw new Error(checkpoint.error);
    return checkpoint;
  };
  const allLeaves = async (store: EventStore) => (await store.readAll({ maxCount: 100_000 })).map(envelopeLeaf);

  it('signs a checkpoint of every event and audit entry, whose root is the tree of their canonical envelopes', async () => {
    const p = platform();
    const [store, audit, seal] = [p.store(), p.audit(), p.seal()];
    await appendSome(store, 5);
    const sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: ORIGIN });
    await appendSome(store, 7);
    await Promise.all([1, 2, 3].map((i) => audit.record(auditEntry(i))));
    await eventually(() => sealer.logs.events.status.signedSize === 12 && sealer.logs.audit.status.signedSize === 3, 'both logs signed');

    const events = opened(sealer.logs.events.checkpoint()?.note ?? '', 'events');
    expect(events.size).to.equal(12);
    expect(events.root.equals(rootOf(await allLeaves(store)))).to.equal(true);
    expect(events.extensions[0]).to.match(/^time \d{4}-\d\d-\d\dT/);
    const entries = await audit.find({ limit: 10 });
    const auditCheckpoint = opened(sealer.logs.audit.checkpoint()?.note ?? '', 'audit');
    expect(auditCheckpoint.root.equals(rootOf(entries.map((e) => leafHash(auditEntryBytes(e)))))).to.equal(true);

    // Each entry proved in, by its position.
    const third = (await store.readAll({ after: 2, maxCount: 1 }))[0];
    const proved = sealer.logs.events.inclusion(third?.position ?? 0, 12);
    expect(proved?.index).to.equal(2);
    expect(verifyInclusion(envelopeLeaf(third as never), 2, 12, proved?.proof ?? [], events.root)).to.equal(true);
    await sealer.stop();
    await Promise.all([store.close(), audit.close(), seal.close()]);
  });

  it('picks up where it stopped after a restart, and the new checkpoint provably extends the old', async () => {
    const p = platform();
    const [store, audit] = [p.store(), p.audit()];
    let seal = p.seal();
    await appendSome(store, 9);
    let sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: ORIGIN });
    await eventually(() => sealer.logs.events.status.signedSize === 9, 'the first 9 signed');
    const before = opened(sealer.logs.events.checkpoint()?.note ?? '', 'events');
    await sealer.stop();
    await seal.close();

    await appendSome(store, 14);
    seal = p.seal();
    sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: ORIGIN });
    await eventually(() => sealer.logs.events.status.signedSize === 23, 'all 23 signed');
    const after = opened(sealer.logs.events.checkpoint()?.note ?? '', 'events');
    expect(after.root.equals(rootOf(await allLeaves(store)))).to.equal(true);
    expect(verifyConsistency(9, 23, before.root, after.root, sealer.logs.events.consistency(9, 23))).to.equal(true);
    await sealer.stop();
    await Promise.all([store.close(), audit.close(), seal.close()]);
  });

  it('refuses to seal another log in the place of the one it sealed, and says so on its health check', async () => {
    const [first, second] = [platform(), platform()];
    const seal = first.seal();
    const [store, audit] = [first.store(), first.audit()];
    await appendSome(store, 3);
    const sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: ORIGIN });
    await eventually(() => sealer.logs.events.status.size === 3, 'sealed');
    await sealer.stop();

    const other = second.store();
    await appendSome(other, 5);
    const refused = await Sealer.start({ seal, key, store: other, auditLog: audit, clock: systemClock, origin: ORIGIN });
    expect(refused.logs.events.status.failure).to.match(/the events log is not the one sealed/);
    expect(refused.logs.events.status.size).to.equal(3);
    const health = await refused.check().then(
      () => 'up',
      (error: Error) => error.message,
    );
    expect(health).to.match(/^sealer: events: the events log is not the one sealed/);
    await refused.stop();
    await Promise.all([store.close(), other.close(), audit.close(), seal.close()]);
  });

  it('keeps leaves and checkpoints append-only: UPDATE and DELETE fail', async () => {
    const p = platform();
    const [store, audit, seal] = [p.store(), p.audit(), p.seal()];
    await appendSome(store, 2);
    const sealer = await Sealer.start({ seal, key, store, auditLog: audit, clock: systemClock, origin: ORIGIN });
    await eventually(() => sealer.logs.events.status.signedSize === 2, 'signed');
    await sealer.stop();
    await seal.close();
    const db = openDatabase(join(dir.path, `p${n}`, 'seal.db'), 'full');
    for (const sql of [
      "UPDATE seal_leaves SET hash = x'00'",
      'DELETE FROM seal_leaves',
      "UPDATE seal_checkpoints SET note = ''",
      'DELETE FROM seal_checkpoints',
    ]) {
      expect(() => db.exec(sql), sql).to.throw(/append-only/);
    }
    db.close();
    await Promise.all([store.close(), audit.close()]);
  });
});
