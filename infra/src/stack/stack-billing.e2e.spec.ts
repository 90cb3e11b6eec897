import { jwtTokenService } from '../auth/jwt.js';
import { CHARGE_CAPTURE } from '../billing/charge-capture.js';
import { DEV_JWT_SECRET } from '../config/config.js';
import { MongoReadStore } from '../read-store/mongodb/mongo-read-store.js';
import { walkThroughEncounterToZeroBalance, type BillingClient } from '../testing/billing-walkthrough.js';
import { bearerCall } from '../testing/json-caller.js';
import { reactionsReached, rewindReactions } from '../testing/replay-reactions.js';
import { requiredEnv } from '../testing/servers.js';
import { startStackFixture, type StackFixture } from './stack-fixture.js';

describe('Billing through the gateway (separate processes, RabbitMQ, FerretDB)', function () {
  this.timeout(240_000);
  let f: StackFixture;
  const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);
  /** The stack's read store, where its subscriptions keep their records. */
  const readStore = () => MongoReadStore.connect(`${requiredEnv('HCMS_TEST_MONGODB_URL')}${f.namespace}`);

  before(async () => (f = await startStackFixture({ HCMS_ICD10CM_AFTER_NEWEST: 'newest' })));
  after(async () => f?.close());

  const client = (): BillingClient => ({
    call: bearerCall(f.stack.url),
    download: async (path, token, accept) => {
      const response = await fetch(`${f.stack.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    },
    token: (role, sub) => tokens.issue(sub, role),
    // The billing service stops, its charge capture is sent back to the start of the log, and it starts again.
    replayChargeCapture: async () => {
      const head = await f.store.headPosition();
      await f.stack.kill('billing', 'SIGTERM');
      const store = await readStore();
      try {
        await rewindReactions(store, CHARGE_CAPTURE);
        await f.stack.start('billing');
        await reactionsReached(store, CHARGE_CAPTURE, head);
      } finally {
        await store.close();
      }
    },
  });

  it('charges a signed 99213 and a finalised lab test once each, invoices, prints, takes part, ages and writes off the rest', async () =>
    walkThroughEncounterToZeroBalance(client()));
});
