import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { jwtTokenService } from '../auth/jwt.js';
import { DEV_JWT_SECRET } from '../config/config.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { jsonCaller, type Call } from '../testing/json-caller.js';
import { requiredEnv } from '../testing/servers.js';
import { removeBusNamespace } from './stack-fixture.js';
import { startStack, type ServiceName, type Stack } from './stack.js';

/** Letters only, so the search key of a name is the name in lower case. */
const marker = () =>
  randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8);

describe('Logs of every process (the platform as separate processes)', function () {
  this.timeout(180_000);
  const dir = tempDir('hcms-logs-');
  const namespace = `t${randomUUID().slice(0, 8)}`;
  const lines: { service: ServiceName; line: string }[] = [];
  const secrets: string[] = [];
  let stack: Stack | undefined;
  let call: Call;
  let requests = 0;

  before(async () => {
    stack = await startStack({
      dataDir: dir.path,
      amqpUrl: requiredEnv('HCMS_TEST_AMQP_URL'),
      mongoUrl: `${requiredEnv('HCMS_TEST_MONGODB_URL')}${namespace}`,
      env: { HCMS_BUS_PREFIX: namespace, HCMS_JWT_SECRET: DEV_JWT_SECRET, HCMS_LOG_LEVEL: 'debug', HCMS_POLL_MS: '10' },
      output: (service, line) => lines.push({ service, line }),
    });
    const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);
    const caller = jsonCaller(stack.url, {
      staff: await tokens.issue('desk-1', 'receptionist'),
      admin: await tokens.issue('admin-1', 'admin'),
    });
    call = (...args) => {
      requests++;
      return caller(...args);
    };
  });

  after(async () => {
    await stack?.stop();
    await removeBusNamespace(namespace);
    dir.remove();
  });

  it('carry no name, body, query string or cursor after a walk-through of registrations, searches and charts', async () => {
    const family = `Zq${marker()}son`;
    const givenNames = ['Ottoline', 'Perpetua', 'Quenby'].map((g) => `${g}${marker()}`);
    secrets.push(family, ...givenNames);
    let position = 0;
    const ids: string[] = [];
    for (const givenName of givenNames) {
      const res = await call('POST', '/patients', { givenName, familyName: family, dateOfBirth: '1961-04-12', sex: 'unknown' });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids.push(String(res.body['patientId']));
      position = Math.max(position, Number(res.body['position']));
    }
    // A refused duplicate and a refused body: their text must not reach a log either.
    const duplicate = await call('POST', '/patients', {
      givenName: givenNames[0],
      familyName: family,
      dateOfBirth: '1961-04-12',
      sex: 'unknown',
    });
    expect(duplicate.status).to.equal(409);
    const invalid = await call('POST', '/patients', { givenName: givenNames[1], familyName: family, dateOfBirth: 'not-a-date', sex: 'x' });
    expect(invalid.status).to.equal(400);

    // Page through a name search one patient at a time, so every page after the first carries a cursor.
    let cursor: string | null = null;
    let seen = 0;
    do {
      const query: string = `name=${family.toLowerCase()}&limit=1&minPosition=${position}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await call('GET', `/patients?${query}`);
      expect(page.status, JSON.stringify(page.body)).to.equal(200);
      seen += (page.body['items'] as unknown[]).length;
      cursor = page.body['next'] as string | null;
      if (cursor) secrets.push(cursor, Buffer.from(cursor, 'base64url').toString('utf8'));
    } while (cursor);
    expect(seen).to.equal(givenNames.length);
    for (const id of ids) expect((await call('GET', `/patients/${id}?minPosition=${position}`)).status).to.equal(200);
    await call('GET', `/patients?dateOfBirth=1961-04-12&mrn=MRN-12345674`);

    // Every request is logged once it completes; wait for the last ones before looking.
    const completed = () => lines.filter((l) => l.service === 'gateway' && l.line.includes('"request completed"')).length;
    await eventually(() => completed() >= requests, 'the gateway to log every request', 30_000);
    expect(new Set(lines.map((l) => l.service)).size, 'output from every process').to.be.greaterThan(1);
    expect(
      lines.some((l) => l.service === 'gateway' && l.line.includes('/patients')),
      'the gateway logs the requests (by path)',
    ).to.equal(true);

    const leaks = lines.filter(
      ({ line }) => secrets.some((s) => line.toLowerCase().includes(s.toLowerCase())) || /[?&](name|cursor|dateOfBirth|mrn)=/.test(line),
    );
    expect(leaks.map((l) => `${l.service}: ${l.line.slice(0, 300)}`)).to.deep.equal([]);
  });
});
