import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from '@hcms/shared-kernel';
import { jwtTokenService } from '../auth/jwt.js';
import { RabbitMqBus } from '../bus/rabbitmq/rabbitmq-bus.js';
import { DEV_JWT_SECRET } from '../config/config.js';
import { createLogger } from '../system/logger.js';
import { tempDir } from '../testing/fixtures.js';
import { sendHl7 } from '../testing/hl7.js';
import { walkThroughCriticalPotassium, walkThroughSeparationOfDuties, type LabClient } from '../testing/lab-walkthrough.js';
import { bearerCall } from '../testing/json-caller.js';
import { requiredEnv } from '../testing/servers.js';
import { startSmtpInbox } from '../testing/smtp-inbox.js';
import { CONTRACT_LISTENER, startStackFixture, type StackFixture } from './stack-fixture.js';

const CLINICIAN = { sub: 'dr-lab', email: 'dr-lab@hospital.example' };
const ON_CALL = { email: 'on-call@hospital.example' };

describe('The laboratory through the gateway and HL7 (separate processes, RabbitMQ, FerretDB)', function () {
  this.timeout(240_000);
  const dir = tempDir();
  let f: StackFixture;
  let bus: RabbitMqBus;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  const published: StoredEvent[] = [];
  const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);

  before(async () => {
    inbox = await startSmtpInbox();
    const directory = join(dir.path, 'staff-directory.json');
    writeFileSync(directory, JSON.stringify({ staff: { [CLINICIAN.sub]: { email: CLINICIAN.email } }, onCall: ON_CALL }));
    f = await startStackFixture({
      HCMS_SMTP_URL: inbox.url,
      HCMS_DISPATCH_INTERVAL_MS: '50',
      HCMS_STAFF_DIRECTORY: directory,
      HCMS_CRITICAL_REPEAT_SECONDS: '2',
    });
    // Billing is not built yet: a consumer of the contract stands in for it.
    bus = await RabbitMqBus.connect(requiredEnv('HCMS_TEST_AMQP_URL'), createLogger('silent'), { prefix: f.namespace });
    await bus.consume(CONTRACT_LISTENER, async (event) => void published.push(event), { topics: ['laboratory.#'] });
  });
  after(async () => {
    await bus?.close();
    await f?.close();
    await inbox?.stop();
    dir.remove();
  });

  const client = (): LabClient => ({
    call: bearerCall(f.stack.url),
    token: (role, sub) => tokens.issue(sub, role),
    published: () => published,
    hl7: (message) => sendHl7(Number(f.stack.env['HCMS_MLLP_PORT']), message),
    mail: () => inbox.received,
    clinician: CLINICIAN,
    onCall: ON_CALL,
    // The services that hold the alert and the results stop between two rounds and start again.
    // (A kill in the middle of an e-mail's hand-over may send that round twice, under one Message-ID:
    // SMTP cannot be asked what it took. The dispatcher's crash windows are specified on their own.)
    restart: async () => {
      for (const service of ['notifications', 'laboratory'] as const) {
        await f.stack.kill(service, 'SIGTERM');
        await f.stack.start(service);
      }
    },
  });

  it('takes a critical potassium from the encounter’s order to the clinician’s read-back, and tells the patient without values', async () =>
    walkThroughCriticalPotassium(client()));

  it('lets no technician verify results they entered', async () => walkThroughSeparationOfDuties(client()));
});
