import { expect } from 'chai';
import { platformUnderTest } from '../testing/running-app.js';

describe('Concurrent commands over HTTP', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  let token: string;
  before(async () => {
    token = await app.token('clinician');
  });

  it('lands every one of many concurrent updates to one patient, or refuses it with 409: no lost update', async () => {
    const { patientId } = (
      await app.call('POST', '/patients', {
        token,
        body: { givenName: 'Rosalind', familyName: 'Franklin', dateOfBirth: '1920-07-25', sex: 'female' },
      })
    ).body;
    const substances = Array.from({ length: 25 }, (_, i) => `Substance ${i}`);
    const results = await Promise.all(
      substances.map((substance) =>
        app.call('POST', `/patients/${patientId}/allergies`, { token, body: { substance, reaction: 'Rash', severity: 'mild' } }),
      ),
    );
    results.forEach((r) => expect([201, 409]).to.include(r.status));
    const accepted = results.filter((r) => r.status === 201);
    const last = Math.max(...accepted.map((r) => r.body.position as number));
    const detail = await app.call('GET', `/patients/${patientId}?minPosition=${last}`, { token });
    expect(detail.body.allergies).to.have.length(accepted.length);
    const history = await app.call('GET', `/patients/${patientId}/history`, { token });
    expect(history.body.events).to.have.length(1 + accepted.length);
    expect(accepted.length, 'retries on version conflicts should let most land').to.be.greaterThan(substances.length / 2);
  });

  it('lets only one of two registrations racing for the same MRN win', async () => {
    const body = (givenName: string) => ({
      givenName,
      familyName: 'Racer',
      dateOfBirth: '1980-01-01',
      sex: 'unknown',
      mrn: 'LEGACY-000123',
      notADuplicate: true,
    });
    const results = await Promise.all([
      app.call('POST', '/patients', { token, body: body('One') }),
      app.call('POST', '/patients', { token, body: body('Two') }),
    ]);
    expect(results.map((r) => r.status).sort()).to.deep.equal([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error).to.equal('MRN_TAKEN');
    const winner = results.find((r) => r.status === 201)?.body;
    const found = await app.call('GET', `/patients?mrn=LEGACY-000123&minPosition=${winner.position}`, { token });
    expect(found.body.items).to.have.length(1);
  });
});
