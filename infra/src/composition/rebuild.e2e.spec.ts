import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { platformUnderTest } from '../testing/running-app.js';

const HCMS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/hcms.js');
const run = promisify(execFile);

describe('Rebuilding a read model while the platform runs', function () {
  this.timeout(120_000);
  const app = platformUnderTest();
  let token: string;
  before(async () => {
    token = await app.token('clinician');
  });

  it('replays the log into a fresh collection, swaps it in, and queries never stop answering', async () => {
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
    const rebuild = await run(process.execPath, [HCMS, 'projections', 'rebuild', 'patient-list'], {
      env: { ...process.env, HCMS_DATA_DIR: app.dataDir, HCMS_LOG_LEVEL: 'silent' },
    });
    querying = false;
    await queries;
    expect(rebuild.stdout).to.match(/patient-list: \d+ events replayed into patient-list__\w+ in [\d.]+ s; swapped in/);
    expect(answers.length).to.be.greaterThan(0);
    expect(
      answers.every((n) => n === 40),
      `every answer during the rebuild: ${[...new Set(answers)].join(',')}`,
    ).to.equal(true);

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
