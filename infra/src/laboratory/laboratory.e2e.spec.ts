import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from '@hcms/shared-kernel';
import { startApp, type RunningApp } from '../testing/running-app.js';
import { tempDir } from '../testing/fixtures.js';
import { sendHl7 } from '../testing/hl7.js';
import { walkThroughCriticalPotassium, walkThroughSeparationOfDuties, type LabClient } from '../testing/lab-walkthrough.js';
import { startSmtpInbox } from '../testing/smtp-inbox.js';
import { freePort } from '../stack/stack.js';

const CLINICIAN = { sub: 'dr-lab', email: 'dr-lab@hospital.example' };
const ON_CALL = { email: 'on-call@hospital.example' };

describe('The laboratory over HTTP and HL7 (embedded platform)', function () {
  this.timeout(180_000);
  const dir = tempDir();
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let app: RunningApp;
  let env: Record<string, string>;
  /** What each start of the platform heard on its bus. */
  const heard: (readonly StoredEvent[])[] = [];

  const client = (): LabClient => ({
    call: (method, path, body, token) => app.call(method, path, { token, ...(body === undefined ? {} : { body }) }),
    token: (role, sub) => app.token(role, sub),
    published: () => heard.flat(),
    hl7: (message) => sendHl7(app.mllpPort, message),
    mail: () => inbox.received,
    clinician: CLINICIAN,
    onCall: ON_CALL,
    restart: async () => {
      await app.stop();
      app = await startApp(dir.path, env);
      heard.push(await app.listen('test.lab-contract', ['laboratory.#']));
    },
  });

  before(async () => {
    inbox = await startSmtpInbox();
    const directory = join(dir.path, 'staff-directory.json');
    writeFileSync(directory, JSON.stringify({ staff: { [CLINICIAN.sub]: { email: CLINICIAN.email } }, onCall: ON_CALL }));
    env = {
      HCMS_SMTP_URL: inbox.url,
      HCMS_DISPATCH_INTERVAL_MS: '50',
      HCMS_STAFF_DIRECTORY: directory,
      HCMS_CRITICAL_REPEAT_SECONDS: '2',
      // The same port after a restart: the analyser keeps sending where it did.
      HCMS_MLLP_PORT: String(await freePort()),
    };
    app = await startApp(dir.path, env);
    heard.push(await app.listen('test.lab-contract', ['laboratory.#']));
  });
  after(async () => {
    await app.stop();
    await inbox.stop();
    dir.remove();
  });

  it('takes a critical potassium from the encounter’s order to the clinician’s read-back, and tells the patient without values', async () =>
    walkThroughCriticalPotassium(client()));

  it('lets no technician verify results they entered', async () => walkThroughSeparationOfDuties(client()));
});
