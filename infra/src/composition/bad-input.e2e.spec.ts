import { expect } from 'chai';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { tempDir } from '../testing/fixtures.js';

const ada = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' };

describe('Bad input over HTTP', function () {
  this.timeout(60_000);
  const dir = tempDir();
  let app: RunningApp;
  let token: string;
  before(async () => {
    app = await startApp(dir.path, { HCMS_BODY_LIMIT_BYTES: '4096' });
    token = await app.token('admin');
  });
  after(async () => {
    await app.stop();
    dir.remove();
  });

  const expectRefused = async (status: number, path: string, send: Parameters<RunningApp['call']>[2], field: string, rule?: RegExp) => {
    const before = await app.head();
    const res = await app.call('POST', path, { token, ...send });
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    const problem = (res.body.problems as { path: string; rule: string }[]).find((p) => p.path === field);
    expect(problem, `a problem at ${field} in ${JSON.stringify(res.body.problems)}`).to.exist;
    if (rule) expect(problem?.rule).to.match(rule);
    expect(await app.head(), 'nothing appended').to.equal(before);
  };

  it('names a missing field', () =>
    expectRefused(400, '/patients', { body: { ...ada, familyName: undefined } }, 'body.familyName', /required/));
  it('names a field of the wrong type', () => expectRefused(400, '/patients', { body: { ...ada, sex: 42 } }, 'body.sex', /one of/));
  it('names an unknown field', () =>
    expectRefused(400, '/patients', { body: { ...ada, favouriteColour: 'blue' } }, 'body.favouriteColour', /unknown field/));
  it('names an impossible date', () =>
    expectRefused(400, '/patients', { body: { ...ada, dateOfBirth: '1990-02-31' } }, 'body.dateOfBirth', /date/));
  it('names a nested field', () =>
    expectRefused(400, '/patients', { body: { ...ada, address: { line: 'x', city: '', country: 'UK' } } }, 'body.address.city'));
  it('refuses invalid JSON', () => expectRefused(400, '/patients', { raw: '{"givenName": "Ada",' }, 'body', /JSON/));
  it('refuses a malformed patient id in the path', () =>
    expectRefused(
      400,
      '/patients/not-a-uuid/allergies',
      { body: { substance: 'x', reaction: 'y', severity: 'mild' } },
      'params.patientId',
    ));
  it('refuses a malformed query parameter', async () => {
    const res = await app.call('GET', '/patients?limit=1000', { token });
    expect(res.status).to.equal(400);
    expect(res.body.problems[0]).to.deep.include({ path: 'query.limit' });
  });

  it('refuses an oversized body with 413', async () => {
    const before = await app.head();
    const res = await app.call('POST', '/patients', { token, body: { ...ada, givenName: 'A'.repeat(10_000) } });
    expect(res.status).to.equal(413);
    expect(res.body.error).to.equal('BODY_TOO_LARGE');
    expect(await app.head()).to.equal(before);
  });

  it('refuses a date of birth in the future with 422 and appends nothing', async () => {
    const before = await app.head();
    const res = await app.call('POST', '/patients', { token, body: { ...ada, dateOfBirth: '2999-01-01' } });
    expect(res.status).to.equal(422);
    expect(res.body.error).to.equal('DATE_IN_FUTURE');
    expect(res.body.message).to.match(/date of birth/);
    expect(await app.head()).to.equal(before);
  });

  it('answers 404 for a command on a patient that does not exist', async () => {
    const res = await app.call('POST', '/patients/0195f3a0-0000-7000-8000-000000000000/deactivate', { token, body: { reason: 'test' } });
    expect(res.status).to.equal(404);
    expect(res.body.error).to.equal('PATIENT_NOT_FOUND');
  });
});
