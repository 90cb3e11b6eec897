import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DocumentCollection } from '@hcms/shared-kernel';
import { patientListProjection, ReadModelCollections, replayInto, type PatientListItem } from '@hcms/projections';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { platformUnderTest } from '../testing/running-app.js';
import { platformLog } from '../testing/platform-log.js';

/** The rebuilt read model holds exactly what a replay of the whole log into an empty collection gives. */
const expectSameAsFreshReplay = async (dataDir: string) => {
  const store = platformLog(dataDir);
  const readModelsDb = openDatabase(join(dataDir, 'read-models.db'), 'normal');
  const live = new SqliteReadStore(readModelsDb);
  const scratch = tempDir();
  const fresh = new SqliteReadStore(openDatabase(join(scratch.path, 'fresh.db'), 'normal'));
  try {
    await eventually(
      async () =>
        (await store.headPosition()) ===
        (await (await live.collection<{ position: number }>('subscriptions')).get('projection.patient-list'))?.doc.position,
      'the projector to apply the last writes',
    );
    const replayed = await fresh.collection<PatientListItem>('patient-list');
    await replayInto(patientListProjection, store, replayed, { from: 0, fresh: true });
    const physical = await new ReadModelCollections(live).physicalName('patient-list');
    const current = await live.collection<PatientListItem>(physical);
    expect(await everything(current)).to.deep.equal(await everything(replayed));
    // Loaded first and indexed after: the rebuilt collection has every index the read model asks for.
    const table = `rm_${physical.replace(/-/g, '_')}`;
    const indexes = readModelsDb
      .prepare<[string], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
      .all(table)
      .map((i) => i.name);
    expect(indexes).to.include.members(patientListProjection.indexes.map((i) => `${table}__${i.fields.join('_')}`));
  } finally {
    await Promise.all([store.close(), live.close(), fresh.close()]);
    scratch.remove();
  }
};

const everything = async (collection: DocumentCollection<PatientListItem>) => {
  const all: unknown[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await collection.find({ limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.next;
  }
  return all;
};

const HCMS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/hcms.js');
const run = promisify(execFile);

describe('Rebuilding a read model while the platform runs', function () {
  this.timeout(120_000);
  const app = platformUnderTest();
  let token: string;
  before(async () => {
    token = await app.token('clinician');
  });

  it('replays the log into a fresh collection and swaps it in while writes go on: queries never stop, every write is read back, and the result equals a fresh replay', async () => {
    let position = 0;
    for (let i = 0; i < 40; i++) {
      const r = await app.call('POST', '/patients', {
        token,
        body: { givenName: 'Re', familyName: `Build${i}`, dateOfBirth: '1990-01-01', sex: 'other' },
      });
      position = r.body.position;
    }
    const before = await app.call('GET', `/patients?name=build&limit=100&minPosition=${position}`, { token });
    expect(before.body.items).to.have.length(40);

    let querying = true;
    const answers: number[] = [];
    const queries = (async () => {
      while (querying) {
        const r = await app.call('GET', '/patients?name=build&limit=100', { token });
        answers.push(r.status === 200 ? r.body.items.length : -r.status);
      }
    })();
    // Meanwhile others register patients and read them back at once: each must see their write.
    const missed: string[] = [];
    let written = 0;
    const writes = (async () => {
      while (querying) {
        const familyName = `Live${written++}`;
        const r = await app.call('POST', '/patients', {
          token,
          body: { givenName: 'Re', familyName, dateOfBirth: '1991-01-01', sex: 'other' },
        });
        const read = await app.call('GET', `/patients?name=${familyName}&minPosition=${r.body.position}`, { token });
        if (read.status !== 200 || read.body.items.length !== 1) missed.push(`${familyName}: ${read.status} ${JSON.stringify(read.body)}`);
      }
    })();
    const rebuild = await run(process.execPath, [HCMS, 'projections', 'rebuild', 'patient-list'], {
      env: { ...process.env, HCMS_DATA_DIR: app.dataDir, HCMS_LOG_LEVEL: 'silent' },
    });
    querying = false;
    await Promise.all([queries, writes]);
    expect(rebuild.stdout).to.match(/patient-list: \d+ events replayed into patient-list__\w+ in [\d.]+ s; swapped in/);
    expect(answers.length).to.be.greaterThan(0);
    expect(
      answers.every((n) => n === 40),
      `every answer during the rebuild: ${[...new Set(answers)].join(',')}`,
    ).to.equal(true);
    expect(written).to.be.greaterThan(0);
    expect(missed, 'reads of one’s own write during the rebuild').to.deep.equal([]);
    await expectSameAsFreshReplay(app.dataDir);

    const after = await app.call('GET', '/patients?name=build&limit=100', { token });
    expect(after.body.items).to.deep.equal(before.body.items);
    const added = await app.call('POST', '/patients', {
      token,
      body: { givenName: 'Re', familyName: 'Build40', dateOfBirth: '1990-01-01', sex: 'other' },
    });
    const later = await app.call('GET', `/patients?name=build&limit=100&minPosition=${added.body.position}`, { token });
    expect(later.body.items).to.have.length(41);
  });
});
