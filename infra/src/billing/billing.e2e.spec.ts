import { startApp, type RunningApp } from '../testing/running-app.js';
import { tempDir } from '../testing/fixtures.js';
import { walkThroughEncounterToZeroBalance, type BillingClient } from '../testing/billing-walkthrough.js';
import { reactionsReached, rewindReactions } from '../testing/replay-reactions.js';
import { openDatabase } from '../event-store/sqlite/sqlite-database.js';
import { SqliteReadStore } from '../read-store/sqlite/sqlite-read-store.js';
import { join } from 'node:path';
import { CHARGE_CAPTURE } from './charge-capture.js';

describe('Billing from a signed encounter to a zero balance (embedded platform)', function () {
  this.timeout(180_000);
  const dir = tempDir();
  let app: RunningApp;
  // Diagnoses are checked against the newest ICD-10-CM edition this build ships, whatever the date.
  const env = { HCMS_ICD10CM_AFTER_NEWEST: 'newest' };
  const readStore = () => new SqliteReadStore(openDatabase(join(dir.path, 'read-models.db'), 'normal'));

  const client = (): BillingClient => ({
    call: (method, path, body, token, headers) =>
      app.call(method, path, { token, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) }),
    download: async (path, token, accept) => {
      const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    },
    token: (role, sub) => app.token(role, sub),
    replayChargeCapture: async () => {
      const head = await app.head();
      await app.stop();
      const rewinding = readStore();
      await rewindReactions(rewinding, CHARGE_CAPTURE);
      await rewinding.close();
      app = await startApp(dir.path, env);
      const watching = readStore();
      await reactionsReached(watching, CHARGE_CAPTURE, head);
      await watching.close();
    },
  });

  before(async () => (app = await startApp(dir.path, env)));
  after(async () => {
    await app.stop();
    dir.remove();
  });

  it('charges a signed 99213 and a finalised lab test once each, invoices, prints, takes part, ages and writes off the rest', async () =>
    walkThroughEncounterToZeroBalance(client()));
});
