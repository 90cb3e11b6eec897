import { expect } from 'chai';
import { SignJWT } from 'jose';
import { platformUnderTest } from '../testing/running-app.js';

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
      .setAudience('hcms-api')
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
});
