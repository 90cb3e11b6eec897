import { expect } from 'chai';
import { startApp } from '../testing/running-app.js';
import { tempDir } from '../testing/fixtures.js';

describe('Restarting the platform', function () {
  this.timeout(60_000);
  const dir = tempDir();
  after(() => dir.remove());

  it('keeps every accepted command and applies nothing twice', async () => {
    const first = await startApp(dir.path);
    const token = await first.token('clinician');
    const { patientId } = (
      await first.call('POST', '/patients', {
        token,
        body: { givenName: 'Mary', familyName: 'Seacole', dateOfBirth: '1905-11-23', sex: 'female' },
      })
    ).body;
    let position = 0;
    for (const substance of ['Latex', 'Iodine', 'Aspirin']) {
      position = (
        await first.call('POST', `/patients/${patientId}/allergies`, {
          token,
          body: { substance, reaction: 'Hives', severity: 'moderate' },
        })
      ).body.position;
    }
    const before = (await first.call('GET', `/patients/${patientId}?minPosition=${position}`, { token })).body;
    await first.stop();

    const second = await startApp(dir.path);
    try {
      const after = (await second.call('GET', `/patients/${patientId}`, { token })).body;
      expect(after).to.deep.equal(before);
      expect(after.allergies).to.have.length(3);
      const status = (await second.call('GET', '/read-models', { token })).body;
      status.readModels.forEach((m: { behind: number }) => expect(m.behind).to.equal(0));

      const more = await second.call('POST', `/patients/${patientId}/allergies`, {
        token,
        body: { substance: 'Peanut', reaction: 'Swelling', severity: 'severe' },
      });
      const updated = (await second.call('GET', `/patients/${patientId}?minPosition=${more.body.position}`, { token })).body;
      expect(updated.allergies.map((a: { substance: string }) => a.substance)).to.deep.equal(['Latex', 'Iodine', 'Aspirin', 'Peanut']);
      expect(updated.version).to.equal(before.version + 1);
    } finally {
      await second.stop();
    }
  });
});
