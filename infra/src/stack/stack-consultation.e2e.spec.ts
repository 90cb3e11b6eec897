import type { StoredEvent } from '@hcms/shared-kernel';
import { jwtTokenService } from '../auth/jwt.js';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { DEV_JWT_SECRET } from '../config/config.js';
import { createLogger } from '../system/logger.js';
import { walkThroughConsultation } from '../testing/consultation-walkthrough.js';
import { bearerCall } from '../testing/json-caller.js';
import { requiredEnv } from '../testing/servers.js';
import { CONTRACT_LISTENER, startStackFixture, type StackFixture } from './stack-fixture.js';

describe('A consultation through the gateway (separate processes, RabbitMQ, FerretDB)', function () {
  this.timeout(180_000);
  let f: StackFixture;
  let bus: RabbitMqBus;
  // This build's newest ICD-10-CM edition may have given way to the next by the day the test runs.
  before(async () => (f = await startStackFixture({ HCMS_ICD10CM_AFTER_NEWEST: 'newest' })));
  after(async () => {
    await bus?.close();
    await f?.close();
  });

  it('goes from check-in to a signed encounter, Billing’s event on the bus and the appointment completed', async () => {
    // Laboratory and Billing are not built yet: a consumer of the contract stands in for them.
    bus = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), createLogger('silent'), { prefix: f.namespace });
    const published: StoredEvent[] = [];
    await bus.consume(CONTRACT_LISTENER, async (event) => void published.push(event), { topics: ['consultations.#'] });
    const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);
    await walkThroughConsultation({
      call: bearerCall(f.stack.url),
      token: (role, sub) => tokens.issue(sub, role),
      published: () => published,
    });
  });
});
