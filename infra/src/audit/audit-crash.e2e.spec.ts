import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { jwtTokenService } from '../auth/jwt.js';
import { DEV_JWT_SECRET } from '../config/config.js';
import { tempDir } from '../testing/fixtures.js';
import { spawnedPlatform } from '../testing/spawned-platform.js';

describe('An audited read when the platform is killed (SIGKILL) right after answering it', function () {
  this.timeout(120_000);
  const dir = tempDir();
  const platform = spawnedPlatform(dir.path);
  const tokens = jwtTokenService(DEV_JWT_SECRET, 'hcms', 3600);

  const call = async (method: string, path: string, token: string, body?: unknown, requestId = randomUUID()) => {
    const response = await fetch(`http://127.0.0.1:${platform.port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(() => platform.start());
  after(async () => {
    await platform.stop('SIGTERM');
    dir.remove();
  });

  it('finds the entry of every read answered before the kill once the platform is back', async () => {
    const [desk, clinician, auditor] = await Promise.all([
      tokens.issue('desk-1', 'receptionist'),
      tokens.issue('clinician-1', 'clinician'),
      tokens.issue('auditor-1', 'auditor'),
    ]);
    const registered = await call('POST', '/patients', desk, {
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: '1990-12-10',
      sex: 'female',
    });
    expect(registered.status).to.equal(201);
    const { patientId, position } = registered.body as { patientId: string; position: number };
    // Reads in flight together (one group commit) and the kill as soon as the last answer arrives.
    const requestIds = Array.from({ length: 20 }, () => randomUUID());
    const answers = await Promise.all(
      requestIds.map((id) => call('GET', `/patients/${patientId}?minPosition=${position}`, clinician, undefined, id)),
    );
    await platform.stop('SIGKILL');
    expect(answers.map((a) => a.status)).to.deep.equal(requestIds.map(() => 200));

    await platform.start();
    const entries = await call('GET', `/audit?patientId=${patientId}&limit=500`, auditor);
    const recorded = new Set((entries.body['items'] as { requestId: string }[]).map((e) => e.requestId));
    expect(requestIds.filter((id) => !recorded.has(id))).to.deep.equal([]);
  });
});
