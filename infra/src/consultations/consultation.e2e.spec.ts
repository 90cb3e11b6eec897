import { platformUnderTest } from '../testing/running-app.js';
import { walkThroughConsultation } from '../testing/consultation-walkthrough.js';

describe('A consultation over HTTP (embedded platform)', function () {
  this.timeout(60_000);
  const app = platformUnderTest();

  it('goes from check-in to a signed encounter, Billing’s event on the bus and the appointment completed', async () => {
    const published = await app.listen('test.consultation-contract', ['consultations.#']);
    await walkThroughConsultation({
      call: (method, path, body, token) => app.call(method, path, { token, ...(body === undefined ? {} : { body }) }),
      token: (role, sub) => app.token(role, sub),
      published: () => published,
    });
  });
});
