import { expect } from 'chai';
import { platformUnderTest } from '../testing/running-app.js';

const id = '0195f3a0-0000-7000-8000-000000000000';
const ada = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' };

// A position past the head names no write: waiting the read-your-writes timeout for it would only pin a connection.
describe('Reads with a minPosition over HTTP', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  const admin = () => app.token('admin');

  describe('a minPosition past the head of the log', () => {
    const reads = (p: number) => [
      `/patients?minPosition=${p}`,
      `/patients/${id}?minPosition=${p}`,
      `/patients/${id}/appointments?minPosition=${p}`,
      `/patients/${id}/notifications?minPosition=${p}`,
      `/providers?minPosition=${p}`,
      `/providers/${id}/calendar?from=2030-01-07&minPosition=${p}`,
      `/slots?specialty=cardiology&from=2030-01-07&minPosition=${p}`,
    ];

    it('is refused at once with 400 POSITION_NOT_IN_LOG naming query.minPosition, on every read that takes one', async () => {
      const past = (await app.head()) + 1000;
      for (const url of reads(past)) {
        const res = await app.call('GET', url, { token: await admin() });
        expect(res.status, `${url}: ${JSON.stringify(res.body)}`).to.equal(400);
        expect(res.body.error).to.equal('POSITION_NOT_IN_LOG');
        expect(res.body.problems).to.deep.equal([{ path: 'query.minPosition', rule: res.body.problems[0].rule }]);
      }
    });

    it('still answers a position a command returned', async () => {
      const registered = await app.call('POST', '/patients', { token: await admin(), body: { ...ada, familyName: 'Head' } });
      expect(registered.status).to.equal(201);
      const res = await app.call('GET', `/patients/${registered.body.patientId}?minPosition=${registered.body.position}`, {
        token: await admin(),
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    });
  });
});
