import { expect } from 'chai';
import { platformUnderTest } from '../testing/running-app.js';

const person = { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1906-12-09', sex: 'female' };

describe('Patient privacy over HTTP (embedded platform)', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  let desk: string;
  before(async () => {
    desk = await app.token('receptionist', 'frontdesk-1');
  });

  describe('when ten registrations of one person arrive at once', () => {
    it('registers exactly one as new and flags every other as a possible duplicate of it', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => app.call('POST', '/patients', { token: desk, body: person })));
      const registered = results.filter((r) => r.status === 201);
      expect(registered, JSON.stringify(results.map((r) => r.status))).to.have.length(1);
      const winner = registered[0]?.body.patientId as string;
      const flagged = results.filter((r) => r.status === 409);
      expect(flagged).to.have.length(9);
      for (const r of flagged) {
        expect(r.body.error).to.equal('POSSIBLE_DUPLICATE');
        expect(r.body.details.candidates).to.deep.equal([winner]);
      }
    });

    it('registers each confirmed one, each flagged with every registration that claimed before it', async () => {
      const body = { ...person, givenName: 'Amazing Grace', notADuplicate: true };
      const results = await Promise.all(Array.from({ length: 5 }, () => app.call('POST', '/patients', { token: desk, body })));
      expect(results.map((r) => r.status)).to.deep.equal([201, 201, 201, 201, 201]);
      const flags = results.map((r) => r.body.possibleDuplicateOf as string[]).sort((a, b) => a.length - b.length);
      expect(flags.map((f) => f.length)).to.deep.equal([0, 1, 2, 3, 4]);
      flags.forEach((f, i) => expect(flags[i + 1] ?? [...f, 'next']).to.include.members(f));
    });
  });

  describe('a patient reading their own record', () => {
    let first: string;
    let second: string;
    before(async () => {
      const body = { ...person, familyName: 'Hopper-Murray' };
      first = (await app.call('POST', '/patients', { token: desk, body })).body.patientId;
      const confirmed = await app.call('POST', '/patients', { token: desk, body: { ...body, notADuplicate: true } });
      second = confirmed.body.patientId;
      expect(confirmed.body.possibleDuplicateOf).to.deep.equal([first]);
    });

    it('staff see the possible duplicate on the chart', async () => {
      const res = await app.call('GET', `/patients/${second}`, { token: desk });
      expect(res.status).to.equal(200);
      expect(res.body.possibleDuplicateOf).to.deep.equal([first]);
    });

    it("never sees the other patient's id on any route a patient may call", async () => {
      const own = await app.token('patient', second);
      for (const path of [
        `/patients/${second}`,
        `/patients/${second}/history`,
        `/patients/${second}/appointments`,
        `/patients/${second}/notifications`,
      ]) {
        const res = await app.call('GET', path, { token: own });
        expect(res.status, path).to.equal(200);
        expect(JSON.stringify(res.body), path).to.not.include(first);
      }
    });
  });
});
