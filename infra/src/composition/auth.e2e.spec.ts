import { expect } from 'chai';
import { SignJWT, type JWTPayload } from 'jose';
import type { StoredEvent } from '@hcms/shared-kernel';
import { DEV_JWT_SECRET } from '../config/config.js';
import { platformUnderTest } from '../testing/running-app.js';
import { platformLog } from '../testing/platform-log.js';

const ada = { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1956-12-09', sex: 'female' };

describe('Authentication and authorisation over HTTP', function () {
  this.timeout(60_000);
  const app = platformUnderTest();

  it('answers 401 without a token', async () => {
    const res = await app.call('POST', '/patients', { body: ada });
    expect(res.status).to.equal(401);
    expect(res.body.error).to.equal('UNAUTHENTICATED');
  });

  it('answers 401 for a token signed with another key', async () => {
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('hcms')
      .setAudience('hcms')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
    expect((await app.call('GET', '/patients', { token: forged })).status).to.equal(401);
  });

  it('answers 403 when the role may not do it', async () => {
    const res = await app.call('POST', '/patients', { token: await app.token('lab-technician'), body: ada });
    expect(res.status).to.equal(403);
    expect(res.body.error).to.equal('FORBIDDEN');
  });

  it('lets a patient read their own record and no one else’s', async () => {
    const staff = await app.token('receptionist');
    const mine = (await app.call('POST', '/patients', { token: staff, body: ada })).body;
    const other = (await app.call('POST', '/patients', { token: staff, body: { ...ada, givenName: 'Alan', familyName: 'Turing' } })).body;
    const patient = await app.token('patient', mine.patientId);
    expect((await app.call('GET', `/patients/${mine.patientId}?minPosition=${mine.position}`, { token: patient })).status).to.equal(200);
    expect((await app.call('GET', `/patients/${other.patientId}`, { token: patient })).status).to.equal(403);
    expect((await app.call('GET', '/patients', { token: patient })).status).to.equal(403);
  });

  it('records the token subject as the actor of the events it causes', async () => {
    const registrar = await app.token('receptionist', 'registrar-42');
    const { patientId } = (
      await app.call('POST', '/patients', { token: registrar, body: { ...ada, givenName: 'Mary', familyName: 'Jackson' } })
    ).body;
    const history = await app.call('GET', `/patients/${patientId}/history`, { token: await app.token('auditor') });
    expect(history.body.events[0].actor).to.deep.equal({ id: 'registrar-42', role: 'receptionist' });
  });

  describe('answers 401 with the reason for a token signed with the key but', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const craft = (claims: JWTPayload, alg = 'HS256') =>
      new SignJWT({ role: 'admin', sub: 'mallory', iss: 'hcms', aud: 'hcms', iat: now(), exp: now() + 600, ...claims })
        .setProtectedHeader({ alg })
        .sign(new TextEncoder().encode(DEV_JWT_SECRET));
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: Record<string, [() => Promise<string>, string]> = {
      'without exp': [() => craft({ exp: undefined }), 'token lacks the exp claim'],
      expired: [() => craft({ iat: now() - 1200, exp: now() - 600 }), 'token expired'],
      'not valid yet': [() => craft({ nbf: now() + 600, exp: now() + 1200 }), 'token is not valid yet'],
      'living longer than 12 hours': [() => craft({ exp: now() + 12 * 3600 + 60 }), 'token lifetime exceeds the maximum of 43200s'],
      'of another issuer': [() => craft({ iss: 'elsewhere' }), 'token issuer is not accepted'],
      'for another audience': [() => craft({ aud: 'hcms-api' }), 'token audience is not accepted'],
      'signed with HS512': [() => craft({}, 'HS512'), 'token must be signed with HS256'],
      'with alg none': [
        () =>
          Promise.resolve(
            `${b64({ alg: 'none' })}.${b64({ role: 'admin', sub: 'm', iss: 'hcms', aud: 'hcms', iat: now(), exp: now() + 600 })}.`,
          ),
        'token must be signed with HS256',
      ],
    };
    for (const [name, [token, reason]] of Object.entries(cases)) {
      it(name, async () => {
        const res = await app.call('GET', '/patients', { token: await token() });
        expect(res.status).to.equal(401);
        expect(res.body).to.include({ error: 'UNAUTHENTICATED', message: reason });
      });
    }

    it('accepts the same crafted token when nothing is wrong with it', async () => {
      expect((await app.call('GET', '/patients', { token: await craft({}) })).status).to.equal(200);
    });
  });
});

describe('Request and correlation ids in the record', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  /** Registers someone with the given headers; answers the response's request id and the stored event's metadata. */
  const register = async (headers: Record<string, string>) => {
    const response = await fetch(`${app.url}/patients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token('receptionist')}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ ...ada, givenName: `Given${Math.random().toString(36).slice(2, 8)}` }),
    });
    expect(response.status).to.equal(201);
    const { patientId } = (await response.json()) as { patientId: string };
    const store = platformLog(app.dataDir);
    let events: readonly StoredEvent[];
    try {
      events = (await store.readAll({ maxCount: 10_000 })).filter((e) => e.streamId === `patient-${patientId}`);
    } finally {
      await store.close();
    }
    expect(events).to.have.length.greaterThan(0);
    return { requestId: response.headers.get('x-request-id'), metadata: events.map((e) => e.metadata) };
  };

  const refused: Record<string, string> = {
    'a 10 KB x-request-id': 'a'.repeat(10 * 1024),
    'a 65-character x-request-id': 'b'.repeat(65),
    'an x-request-id with spaces and markup': 'id <script>alert(1)</script>',
    'an x-request-id with a slash': 'a/b',
    'an x-request-id made of words (a name, a date of birth)': 'Zqson.1961-04-12',
  };
  for (const [name, value] of Object.entries(refused)) {
    it(`replaces ${name} with a generated uuid, in the response and in the event`, async () => {
      const { requestId, metadata } = await register({ 'x-request-id': value });
      expect(requestId).to.match(UUID);
      for (const m of metadata) expect(m).to.include({ causationId: requestId, correlationId: requestId });
    });
  }

  it('keeps a well-formed x-request-id as the causation and correlation id', async () => {
    const id = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
    const { requestId, metadata } = await register({ 'x-request-id': id });
    expect(requestId).to.equal(id);
    for (const m of metadata) expect(m).to.include({ causationId: id, correlationId: id });
  });

  it('keeps a well-formed correlation id and ignores an oversized one', async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const request = '00f067aa0ba902b7';
    const kept = await register({ 'x-correlation-id': trace, 'x-request-id': request });
    for (const m of kept.metadata) expect(m).to.include({ causationId: request, correlationId: trace });
    const ignored = await register({ 'x-correlation-id': 'c'.repeat(10 * 1024) });
    expect(ignored.requestId).to.match(UUID);
    for (const m of ignored.metadata) expect(m).to.include({ causationId: ignored.requestId, correlationId: ignored.requestId });
  });
});
