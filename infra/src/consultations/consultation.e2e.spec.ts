import { platformUnderTest } from '../testing/running-app.js';
import { walkThroughConsultation } from '../testing/consultation-walkthrough.js';

describe('A consultation over HTTP (embedded platform)', function () {
  this.timeout(60_000);
  // This build's newest ICD-10-CM edition may have given way to the next by the day the test runs.
  const app = platformUnderTest({ HCMS_ICD10CM_AFTER_NEWEST: 'newest' });

  it('goes from check-in to a signed encounter, Billing’s event on the bus and the appointment completed', async () => {
    const published = await app.listen('test.consultation-contract', ['consultations.#']);
    await walkThroughConsultation({
      call: (method, path, body, token) => app.call(method, path, { token, ...(body === undefined ? {} : { body }) }),
      token: (role, sub) => app.token(role, sub),
      published: () => published,
    });
  });
});
