import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import canonicalize from 'canonicalize';
import { Roles, type AuditEntry, type Role } from '@hcms/shared-kernel';
import { tempDir } from '../testing/fixtures.js';
import { platformUnderTest } from '../testing/running-app.js';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const HCMS = resolve(HERE, '../../bin/hcms.js');
/** HAPI FHIR's validator, independent of this code base (see the README's testing section). */
const FHIR_VALIDATE = process.env['HCMS_FHIR_VALIDATE'] ?? resolve(HERE, '../../../../shared/tools/fhir-validate');

const ada = {
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1990-12-10',
  sex: 'female',
  email: 'ada.lovelace@example.org',
  phone: '+441632960961',
};
/** What no audit entry may hold: the patient's name and contact details. */
const PERSONAL = ['Lovelace', 'ada.lovelace', '1632960961', '1990-12-10'];

/** Routes that touch no patient data: providers, their calendars and slots, read-model progress, the seal's hashes, the lab catalogue, the fee schedule. */
const NO_PATIENT_DATA = new Set([
  'GET /providers',
  'POST /providers',
  'PUT /providers/{providerId}/availability',
  'POST /providers/{providerId}/availability/exceptions',
  'GET /providers/{providerId}/calendar',
  'GET /slots',
  'GET /read-models',
  'GET /integrity/public-key',
  'GET /integrity/{log}/checkpoint',
  'GET /integrity/{log}/inclusion',
  'GET /integrity/{log}/consistency',
  'GET /lab/catalogue',
  'PUT /lab/catalogue/tests/{code}',
  'GET /billing/fees',
  'GET /billing/fees/{code}',
  'PUT /billing/fees/{code}',
]);
const OPERATIONS_ROUTES = new Set(['/health', '/health/live']);

interface Call {
  readonly requestId: string;
  readonly operation: string;
  readonly role: Role | 'anonymous';
  readonly status: number;
}

const canonical = (value: unknown) => canonicalize(value);

describe('Audited reads: every access to patient data on the record', function () {
  this.timeout(240_000);
  const app = platformUnderTest({ HCMS_TRUSTED_PROXIES: '127.0.0.1' });
  let patientId: string;
  let auditor: string;
  let clinician: string;

  const send = async (
    method: string,
    path: string,
    role: Role | 'anonymous',
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const requestId = randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId, ...options.headers };
    if (role !== 'anonymous') headers['authorization'] = `Bearer ${await app.token(role)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      requestId,
      status: response.status,
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  };

  /** Every entry in the audit log, page by page, as an auditor reads it. */
  const allEntries = async (): Promise<AuditEntry[]> => {
    const entries: AuditEntry[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const page = await app.call('GET', `/audit?limit=500&cursor=${cursor}`, { token: auditor });
      expect(page.status).to.equal(200);
      entries.push(...page.body.items);
      cursor = page.body.next;
    }
    return entries;
  };

  before(async () => {
    [auditor, clinician] = await Promise.all([app.token('auditor'), app.token('clinician')]);
    const registered = await app.call('POST', '/patients', { token: await app.token('receptionist'), body: ada });
    expect(registered.status).to.equal(201);
    patientId = registered.body.patientId;
    await app.call('GET', `/patients/${patientId}?minPosition=${registered.body.position}`, { token: clinician });
  });

  describe('calling every route of the API document as each role', () => {
    const calls: Call[] = [];
    let entries: AuditEntry[];

    before(async () => {
      const document = (await (await fetch(`${app.url}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const operations = Object.entries(document.paths)
        .filter(([path]) => !OPERATIONS_ROUTES.has(path))
        .flatMap(([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })))
        // Reads first, so a write (a deactivation) does not change what the reads find.
        .sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
      expect(operations.length).to.be.greaterThan(30);
      for (const { method, path } of operations) {
        const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'patientId' ? patientId : randomUUID()));
        // A search by name: the term must not reach the audit log.
        const url = path === '/patients' && method === 'GET' ? `${filled}?name=Lovelace&limit=5` : filled;
        for (const role of [...Roles, 'anonymous'] as const) {
          const answer = await send(method, url, role, method === 'GET' ? {} : { body: {} });
          calls.push({ requestId: answer.requestId, operation: `${method} ${path}`, role, status: answer.status });
        }
      }
      entries = await allEntries();
    });

    it('leaves exactly one entry for each request touching patient data, refusals included, and none for the others', () => {
      const byRequest = new Map<string, AuditEntry[]>();
      for (const entry of entries) byRequest.set(entry.requestId, [...(byRequest.get(entry.requestId) ?? []), entry]);
      const wrong = calls.flatMap((call) => {
        const expected = NO_PATIENT_DATA.has(call.operation) ? 0 : 1;
        const found = byRequest.get(call.requestId)?.length ?? 0;
        return found === expected ? [] : [`${call.operation} as ${call.role} (${call.status}): ${found} entries, expected ${expected}`];
      });
      expect(wrong).to.deep.equal([]);
      // Refusals are on the record too.
      const statuses = new Set(calls.filter((c) => !NO_PATIENT_DATA.has(c.operation)).map((c) => c.status));
      expect([...statuses]).to.include.members([200, 400, 401, 403, 404]);
    });

    it('records who, what, when, the outcome, from where, and the patient a path names', () => {
      const byRequest = new Map(entries.map((e) => [e.requestId, e]));
      for (const call of calls.filter((c) => !NO_PATIENT_DATA.has(c.operation))) {
        const entry = byRequest.get(call.requestId);
        if (!entry) throw new Error(`no entry for ${call.operation}`);
        const [method, path] = call.operation.split(' ') as [string, string];
        expect(entry.request.method).to.equal(method);
        expect(entry.request.route).to.equal(path.replace(/\{(\w+)\}/g, ':$1'));
        expect(entry.outcome.status, call.operation).to.equal(call.status);
        expect(entry.agent.subject).to.equal(call.role === 'anonymous' ? null : `${call.role}-1`);
        expect(entry.agent.role).to.equal(call.role === 'anonymous' ? null : call.role);
        expect(entry.agent.address).to.match(/^(::ffff:)?127\.0\.0\.1$/);
        expect(Date.parse(entry.recordedAt)).to.be.closeTo(Date.now(), 600_000);
        expect(entry.recordedAt).to.match(/Z$/);
        expect(entry.resource).to.be.a('string').and.not.equal('');
        if (path.includes('{patientId}')) expect(entry.patientIds, call.operation).to.include(patientId);
      }
    });

    it('records the position each read model had applied for an answered read, and the version of the chart shown', () => {
      const byRequest = new Map(entries.map((e) => [e.requestId, e]));
      const read = calls.find((c) => c.operation === 'GET /patients/{patientId}' && c.role === 'clinician');
      const entry = byRequest.get(read?.requestId ?? '');
      expect(entry?.outcome.status).to.equal(200);
      expect(entry?.positions['patient-detail']).to.be.a('number').greaterThan(0);
      expect(entry?.versions[patientId]).to.be.a('number').greaterThan(0);
      const search = calls.find((c) => c.operation === 'GET /patients' && c.role === 'clinician');
      const found = byRequest.get(search?.requestId ?? '');
      expect(found?.patientIds, 'each patient a search listed').to.deep.equal([patientId]);
      expect(found?.request.query).to.deep.equal({ limit: '5' });
    });

    it('holds no name, contact detail or date of birth of the patient in any entry', () => {
      const everything = JSON.stringify(entries);
      expect(PERSONAL.filter((value) => everything.includes(value))).to.deep.equal([]);
    });

    it('exports every entry as FHIR R4 AuditEvents that an independent validator accepts with no error', async () => {
      const response = await fetch(`${app.url}/audit?limit=500`, {
        headers: { authorization: `Bearer ${auditor}`, accept: 'application/fhir+ndjson' },
      });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/fhir\+ndjson/);
      const ndjson = await response.text();
      const lines = ndjson.trimEnd().split('\n');
      expect(lines.length).to.be.at.least(Math.min(500, entries.length));
      const bundle = await fetch(`${app.url}/audit?limit=3`, {
        headers: { authorization: `Bearer ${auditor}`, accept: 'application/fhir+json' },
      });
      const json = (await bundle.json()) as { resourceType: string; type: string; entry: unknown[] };
      expect([json.resourceType, json.type, json.entry.length]).to.deep.equal(['Bundle', 'searchset', 3]);
      const dir = tempDir();
      try {
        writeFileSync(join(dir.path, 'audit.ndjson'), ndjson);
        writeFileSync(join(dir.path, 'bundle.json'), JSON.stringify(json));
        const checked = await run(FHIR_VALIDATE, [join(dir.path, 'audit.ndjson'), join(dir.path, 'bundle.json')], {
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(checked.stdout).to.match(new RegExp(`${lines.length + 1} resources, 0 errors`));
      } finally {
        dir.remove();
      }
    });
  });

  describe('what a reader was shown', () => {
    it('is reproduced byte for byte (canonical JSON) after later changes and after a rebuild of the read model', async () => {
      const chart = await send('GET', `/patients/${patientId}`, 'clinician', { headers: { 'x-purpose-of-use': 'TREAT' } });
      const history = await send('GET', `/patients/${patientId}/history`, 'clinician');
      const asOf = await send('GET', `/patients/${patientId}?asOf=${encodeURIComponent(new Date().toISOString())}`, 'clinician');
      const ownChart = await send('GET', `/patients/${patientId}`, 'receptionist');
      for (const answer of [chart, history, asOf, ownChart]) expect(answer.status).to.equal(200);

      const changed = await app.call('PATCH', `/patients/${patientId}/demographics`, {
        token: await app.token('receptionist'),
        body: { familyName: 'King', email: 'ada.king@example.org' },
      });
      expect(changed.status).to.equal(200);
      await app.call('POST', `/patients/${patientId}/allergies`, {
        token: clinician,
        body: { substance: 'penicillin', severity: 'severe', reaction: 'hives' },
      });
      const rebuilt = await run(process.execPath, [HCMS, 'projections', 'rebuild', 'patient-detail'], {
        env: { ...process.env, HCMS_DATA_DIR: app.dataDir, HCMS_LOG_LEVEL: 'silent' },
      });
      expect(rebuilt.stdout).to.match(/swapped in/);
      const now = await app.call('GET', `/patients/${patientId}?minPosition=${changed.body.position}`, { token: clinician });
      expect(now.body.demographics.familyName).to.equal('King');

      const entries = await allEntries();
      for (const answer of [chart, history, asOf, ownChart]) {
        const entry = entries.find((e) => e.requestId === answer.requestId);
        const view = await app.call('GET', `/audit/${entry?.auditId}/view`, { token: auditor });
        expect(view.status).to.equal(200);
        expect(canonical(view.body.body)).to.equal(canonical(answer.body));
        expect(view.body.digest.matches).to.equal(true);
      }
      expect(entries.find((e) => e.requestId === chart.requestId)?.agent.purposeOfUse).to.equal('TREAT');
      // Seeing what a reader saw is itself a read of that patient's chart, on the record.
      const views = (await allEntries()).filter((e) => e.request.route === '/audit/:auditId/view' && e.outcome.status === 200);
      expect(views.length).to.equal(4);
      for (const view of views) expect(view.patientIds).to.deep.equal([patientId]);
    });

    it("is reproduced for a patient's account and statement as of a day, Billing's reads", async () => {
      const account = await send('GET', `/patients/${patientId}/account`, 'billing-clerk');
      const statement = await send('GET', `/patients/${patientId}/statement?asOf=2026-03-31`, 'auditor');
      for (const answer of [account, statement]) expect(answer.status).to.equal(200);
      const entries = await allEntries();
      for (const answer of [account, statement]) {
        const entry = entries.find((e) => e.requestId === answer.requestId);
        const view = await app.call('GET', `/audit/${entry?.auditId}/view`, { token: auditor });
        expect(view.status).to.equal(200);
        expect(canonical(view.body.body)).to.equal(canonical(answer.body));
        expect(view.body.digest.matches).to.equal(true);
      }
    });

    it('is refused with 409 for a refused request (nothing was shown) and for answers kept by digest only', async () => {
      const refused = await send('GET', `/patients/${patientId}`, 'billing-clerk');
      const search = await send('GET', '/patients?name=king', 'clinician');
      const entries = await allEntries();
      for (const answer of [refused, search]) {
        const entry = entries.find((e) => e.requestId === answer.requestId);
        const view = await app.call('GET', `/audit/${entry?.auditId}/view`, { token: auditor });
        expect(view.status).to.equal(409);
        expect(view.body.error).to.equal('NOT_REPRODUCIBLE');
      }
    });
  });

  describe('the chart as of a past moment', () => {
    it('answers from the log as it stood at that time or position, not as it stands now', async () => {
      const receptionist = await app.token('receptionist');
      const registered = await app.call('POST', '/patients', {
        token: receptionist,
        body: { givenName: 'Grace', familyName: 'Hopper', dateOfBirth: '1986-12-09', sex: 'female' },
      });
      const id = registered.body.patientId;
      await new Promise((r) => setTimeout(r, 5));
      const between = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      const renamed = await app.call('PATCH', `/patients/${id}/demographics`, { token: receptionist, body: { familyName: 'Murray' } });
      const byTime = await app.call('GET', `/patients/${id}?asOf=${encodeURIComponent(between)}`, { token: clinician });
      expect([byTime.status, byTime.body.demographics.familyName, byTime.body.asOf]).to.deep.equal([200, 'Hopper', between]);
      const byPosition = await app.call('GET', `/patients/${id}?asOfPosition=${registered.body.position}`, { token: clinician });
      expect([byPosition.body.demographics.familyName, byPosition.body.version]).to.deep.equal(['Hopper', 1]);
      const latest = await app.call('GET', `/patients/${id}?asOfPosition=${renamed.body.position}`, { token: clinician });
      expect(latest.body.demographics.familyName).to.equal('Murray');
      const before = await app.call('GET', `/patients/${id}?asOf=2000-01-01T00:00:00Z`, { token: clinician });
      expect([before.status, before.body.error]).to.deep.equal([404, 'PATIENT_NOT_FOUND']);
      // Both cuts: whichever comes first.
      const both = await app.call(
        'GET',
        `/patients/${id}?asOf=${encodeURIComponent(new Date().toISOString())}&asOfPosition=${registered.body.position}`,
        {
          token: clinician,
        },
      );
      expect([both.status, both.body.demographics.familyName]).to.deep.equal([200, 'Hopper']);
      const future = await app.call('GET', `/patients/${id}?asOfPosition=${renamed.body.position + 1000}`, { token: clinician });
      expect([future.status, future.body.error]).to.deep.equal([400, 'POSITION_NOT_IN_LOG']);
    });
  });

  describe('emergency access ("break the glass")', () => {
    it('opens one patient’s record to a role without access for a time, marks every read under it, and lists it for admins', async () => {
      const refused = await send('GET', `/patients/${patientId}`, 'lab-technician');
      expect(refused.status).to.equal(403);
      const other = await app.call('POST', '/patients', {
        token: await app.token('receptionist'),
        body: { givenName: 'Alan', familyName: 'Turing', dateOfBirth: '1982-06-23', sex: 'male' },
      });
      const declared = await app.call('POST', `/patients/${patientId}/emergency-access`, {
        token: await app.token('lab-technician'),
        body: { reason: 'collapsed in the waiting room; allergies needed', minutes: 15 },
      });
      expect(declared.status).to.equal(201);
      expect(Date.parse(declared.body.expiresAt) - Date.parse(declared.body.grantedAt)).to.equal(15 * 60_000);
      const opened = await send('GET', `/patients/${patientId}`, 'lab-technician', { headers: { 'x-purpose-of-use': 'ETREAT' } });
      expect(opened.status).to.equal(200);
      // Only that patient, and only to read.
      expect((await send('GET', `/patients/${other.body.patientId}`, 'lab-technician')).status).to.equal(403);
      expect(
        (await send('POST', `/patients/${patientId}/allergies`, 'lab-technician', { body: { substance: 'latex', severity: 'mild' } }))
          .status,
      ).to.equal(403);
      const entries = await allEntries();
      const marked = entries.find((e) => e.requestId === opened.requestId);
      expect(marked?.emergencyAccessId).to.equal(declared.body.emergencyAccessId);
      expect(marked?.agent.purposeOfUse).to.equal('ETREAT');
      expect(entries.find((e) => e.requestId === refused.requestId)?.emergencyAccessId).to.equal(null);
      const open = await app.call('GET', '/emergency-access', { token: await app.token('admin') });
      expect(open.body.items.map((g: { emergencyAccessId: string }) => g.emergencyAccessId)).to.include(declared.body.emergencyAccessId);
      const past = await app.call('GET', '/emergency-access?status=past', { token: auditor });
      expect(past.body.items).to.deep.equal([]);
      const tooLong = await app.call('POST', `/patients/${patientId}/emergency-access`, {
        token: await app.token('lab-technician'),
        body: { reason: 'a whole shift', minutes: 600 },
      });
      expect([tooLong.status, tooLong.body.error]).to.deep.equal([422, 'EMERGENCY_ACCESS_TOO_LONG']);
    });
  });

  describe('where a request came from, and why', () => {
    it('takes the client address from a trusted proxy’s x-forwarded-for, and refuses a purpose of use that is not a code', async () => {
      const forwarded = await send('GET', `/patients/${patientId}`, 'clinician', { headers: { 'x-forwarded-for': '203.0.113.7' } });
      const unknownPurpose = await send('GET', `/patients/${patientId}`, 'clinician', { headers: { 'x-purpose-of-use': 'CURIOSITY' } });
      expect(unknownPurpose.status).to.equal(400);
      expect(unknownPurpose.body.problems[0].path).to.equal('headers.x-purpose-of-use');
      const entries = await allEntries();
      expect(entries.find((e) => e.requestId === forwarded.requestId)?.agent.address).to.equal('203.0.113.7');
      expect(entries.find((e) => e.requestId === unknownPurpose.requestId)?.outcome).to.deep.equal({ status: 400, result: 'invalid' });
    });

    it('records a request refused before its handler ran: a body that is not JSON, or not sent as JSON', async () => {
      const headers = { authorization: `Bearer ${clinician}` };
      const notJson = randomUUID();
      const unsupported = randomUUID();
      const sent = await Promise.all([
        fetch(`${app.url}/patients/${patientId}/allergies`, {
          method: 'POST',
          headers: { ...headers, 'x-request-id': notJson, 'content-type': 'application/json' },
          body: '{"substance": ',
        }),
        fetch(`${app.url}/patients/${patientId}/allergies`, {
          method: 'POST',
          headers: { ...headers, 'x-request-id': unsupported, 'content-type': 'application/xml' },
          body: '<substance>latex</substance>',
        }),
      ]);
      expect(sent.map((r) => r.status)).to.deep.equal([400, 415]);
      const entries = await allEntries();
      for (const [requestId, status] of [
        [notJson, 400],
        [unsupported, 415],
      ] as const) {
        const found = entries.filter((e) => e.requestId === requestId);
        expect(found.map((e) => [e.outcome.status, e.agent.subject, e.patientIds])).to.deep.equal([[status, 'clinician-1', [patientId]]]);
      }
    });

    it('keeps the ids a path names, and nothing else a path segment holds', async () => {
      const notificationId = `reminder-${randomUUID()}`;
      const retried = await send('POST', `/notifications/${notificationId}/retry`, 'admin');
      const named = await send('GET', '/patients/Ada%20Lovelace', 'clinician');
      const entries = await allEntries();
      expect([retried.status, entries.find((e) => e.requestId === retried.requestId)?.request.params]).to.deep.equal([
        404,
        { notificationId },
      ]);
      expect(entries.find((e) => e.requestId === named.requestId)?.request.params).to.deep.equal({ patientId: '(not an id)' });
    });

    it('keeps no query value it could not decode, nor a search cursor (it holds a name)', async () => {
      const badLimit = await send('GET', '/patients?limit=Lovelace', 'clinician');
      const page = await send('GET', '/patients?limit=1', 'clinician');
      const next = await send('GET', `/patients?cursor=${encodeURIComponent(String(page.body.next))}&limit=1`, 'clinician');
      expect([badLimit.status, page.status, next.status]).to.deep.equal([400, 200, 200]);
      const entries = await allEntries();
      expect(entries.find((e) => e.requestId === badLimit.requestId)?.request.query).to.deep.equal({});
      expect(entries.find((e) => e.requestId === next.requestId)?.request.query).to.deep.equal({ limit: '1' });
    });

    it('pages FHIR and NDJSON exports with the same filters', async () => {
      const first = await fetch(`${app.url}/audit?patientId=${patientId}&outcome=success&limit=2`, {
        headers: { authorization: `Bearer ${auditor}`, accept: 'application/fhir+json' },
      });
      const bundle = (await first.json()) as { link: { relation: string; url: string }[] };
      const nextUrl = bundle.link.find((l) => l.relation === 'next')?.url ?? '';
      expect(nextUrl).to.include(`patientId=${patientId}`).and.include('outcome=success').and.include('limit=2');
      const ndjson = await fetch(`${app.url}/audit?patientId=${patientId}&limit=2`, {
        headers: { authorization: `Bearer ${auditor}`, accept: 'application/fhir+ndjson' },
      });
      expect(ndjson.headers.get('link')).to.match(/^<\/audit\?patientId=[^>]+cursor=\d+>; rel="next"$/);
      const second = await app.call('GET', nextUrl.replace(/^.*?\/audit/, '/audit'), { token: auditor });
      expect(second.body.items).to.have.length(2);
      for (const e of second.body.items as AuditEntry[])
        expect([e.patientIds.includes(patientId), e.outcome.result]).to.deep.equal([true, 'success']);
    });

    it('lets only auditors and admins read the audit log, and filters it by patient, actor, outcome and time', async () => {
      expect((await send('GET', '/audit', 'clinician')).status).to.equal(403);
      const mine = await app.call('GET', `/audit?patientId=${patientId}&actor=lab-technician-1&outcome=refused&limit=500`, {
        token: auditor,
      });
      expect(mine.body.items.length).to.be.greaterThan(0);
      for (const e of mine.body.items as AuditEntry[]) {
        expect([e.agent.subject, e.outcome.result, e.patientIds.includes(patientId)]).to.deep.equal(['lab-technician-1', 'refused', true]);
      }
      const future = await app.call('GET', `/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, {
        token: auditor,
      });
      expect(future.body.items).to.deep.equal([]);
    });
  });
});
