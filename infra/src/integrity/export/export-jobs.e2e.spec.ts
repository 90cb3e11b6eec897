import { expect } from 'chai';
import { createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, tempDir } from '../../testing/fixtures.js';
import { platformUnderTest } from '../../testing/running-app.js';
import { verifyExport } from './verify-export.js';

interface Job {
  exportId: string;
  status: string;
  statusUrl: string;
  files?: { name: string; url: string }[];
}

describe('Exports over HTTP', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  const downloads = tempDir('hcms-downloads-');
  after(() => downloads.remove());
  let patientId: string;

  before(async () => {
    const token = await app.token('receptionist');
    for (const familyName of ['Hopper', 'Lamarr']) {
      const r = await app.call('POST', '/patients', {
        token,
        body: { givenName: 'Grace', familyName, dateOfBirth: '1906-12-09', sex: 'female' },
      });
      patientId ??= r.body.patientId as string;
    }
    const admin = await app.token('admin');
    const head = await app.head();
    await eventually(
      async () => ((await app.call('GET', '/integrity/events/checkpoint', { token: admin })).body?.size ?? 0) >= head,
      'the log signed',
    );
  });

  const finished = async (token: string, job: Job): Promise<Job> => {
    let current = job;
    await eventually(async () => {
      current = (await app.call('GET', job.statusUrl, { token })).body as Job;
      return current.status !== 'queued' && current.status !== 'running';
    }, 'the export to finish');
    return current;
  };

  it('runs a patient export in the background, serves its files, and they verify offline with the public key', async () => {
    const token = await app.token('auditor');
    const started = await app.call('POST', '/exports', { token, body: { patientId } });
    expect(started.status).to.equal(202);
    const job = await finished(token, started.body as Job);
    expect(job.status).to.equal('done');

    const dir = join(downloads.path, job.exportId);
    mkdirSync(dir);
    for (const file of job.files ?? []) {
      const response = await fetch(`${app.url}${file.url}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, file.name).to.equal(200);
      writeFileSync(join(dir, file.name), Buffer.from(await response.arrayBuffer()));
    }
    expect((job.files ?? []).map((f) => f.name)).to.include.members([
      'manifest.json',
      'manifest.sig',
      'events.ndjson',
      'events.proofs.ndjson',
    ]);
    const pem = (await app.call('GET', '/integrity/public-key', { token })).body.pem as string;
    const report = await verifyExport(dir, createPublicKey(pem));
    expect(report.ok, JSON.stringify(report.findings)).to.equal(true);
    expect(report.proved[0]).to.match(/^events: [1-9]\d* entries proved in the checkpoint of \d+ signed by hcms\.local\/events$/);

    // The export, and each download of it, is in the audit log; the request names the patient.
    const admin = await app.token('admin');
    const audited = (await app.call('GET', `/audit?patientId=${patientId}&limit=500`, { token: admin })).body.items as {
      resource: string;
      request: { method: string };
    }[];
    expect(audited.filter((e) => e.resource === 'Export').map((e) => e.request.method)).to.include('POST');
  });

  it('cancels an export with DELETE, or removes a finished one: its files and status are gone', async () => {
    const token = await app.token('admin');
    const started = (await app.call('POST', '/exports', { token, body: {} })).body as Job;
    const cancelled = await app.call('DELETE', `/exports/${started.exportId}`, { token });
    expect(cancelled.status).to.equal(200);
    expect(cancelled.body).to.deep.include({ exportId: started.exportId, removed: true });
    expect(['cancelled', 'done']).to.include(cancelled.body.status);
    expect((await app.call('GET', started.statusUrl, { token })).status).to.equal(404);
    expect((await app.call('GET', `/exports/${started.exportId}/files/events.ndjson`, { token })).status).to.equal(404);

    const done = await finished(token, (await app.call('POST', '/exports', { token, body: {} })).body as Job);
    expect(done.status).to.equal('done');
    expect((await app.call('DELETE', done.statusUrl, { token })).body.status).to.equal('done');
    expect((await app.call('GET', done.files?.[0]?.url ?? '', { token })).status).to.equal(404);
  });

  it('is for admins and auditors only, and answers 404 for an export it does not have', async () => {
    const clinician = await app.token('clinician');
    expect((await app.call('POST', '/exports', { token: clinician, body: {} })).status).to.equal(403);
    const admin = await app.token('admin');
    expect((await app.call('GET', '/exports/0190f5c2-0000-7000-8000-000000000099', { token: admin })).status).to.equal(404);
    const bad = await app.call('POST', '/exports', { token: admin, body: { from: 'yesterday' } });
    expect([bad.status, bad.body.problems?.[0]?.path]).to.deep.equal([400, 'body.from']);
  });
});
