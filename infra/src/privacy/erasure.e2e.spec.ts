import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesFound, exportWhenSealed } from '../testing/erasure-checks.js';
import { verifyExport } from '../integrity/export/verify-export.js';
import { eventually, tempDir } from '../testing/fixtures.js';
import { jsonCaller } from '../testing/json-caller.js';
import { platformUnderTest, startApp } from '../testing/running-app.js';
import { settled } from '../testing/booking-burst.js';

/** Strings no other test writes: each must be gone from every byte the platform keeps once the patient is erased. */
const PLANTED = {
  givenName: 'Zebulonia',
  familyName: 'Quixotically',
  email: 'zeb.quixotic@example.org',
  phone: '+441632960999',
  substance: 'Xylocainium',
  reaction: 'Vermilion hives',
  condition: 'Plumbago fever',
  note: 'Marmalade recollections',
  reason: 'Quincunx consultation',
  soap: 'Wobbegong wheeze since Tuesday',
  override: 'Tolerated it at Marrakesh clinic',
  labNote: 'Fasting since the quokka',
  addendum: 'Called back about the zither',
};

const occurrences = (dir: string) => bytesFound(dir, Object.values(PLANTED));

describe('Erasing a patient (crypto-shredding), embedded', function () {
  this.timeout(120_000);
  const exports = tempDir('hcms-erasure-exports-');
  after(() => exports.remove());
  const app = platformUnderTest({
    HCMS_RETENTION_YEARS: '0',
    HCMS_DISPATCH_INTERVAL_MS: '50',
    HCMS_REMINDER_LEAD_SECONDS: '0',
    // This build's newest ICD-10-CM edition may have given way to the next by the day the test runs.
    HCMS_ICD10CM_AFTER_NEWEST: 'newest',
  });
  const call = async () => {
    const tokens = {
      receptionist: await app.token('receptionist'),
      clinician: await app.token('clinician'),
      admin: await app.token('admin'),
    };
    return async (method: string, path: string, body?: unknown, role: keyof typeof tokens = 'receptionist') =>
      app.call(method, path, { token: tokens[role], ...(body === undefined ? {} : { body }) });
  };
  const allSettled = async () =>
    settled(jsonCaller(app.url, { staff: await app.token('admin'), admin: await app.token('admin') }), { headPosition: () => app.head() });

  const exportNow = async (name: string) => {
    const dir = join(exports.path, name);
    return { dir, ...(await exportWhenSealed(app.dataDir, dir)) };
  };

  it('leaves no byte of the patient’s personal data in the data directory or a new export, and both exports still verify', async () => {
    const api = await call();
    const { givenName, familyName, email, phone } = PLANTED;
    const registered = await api('POST', '/patients', { givenName, familyName, email, phone, dateOfBirth: '1971-03-04', sex: 'other' });
    expect(registered.status).to.equal(201);
    const patientId = String(registered.body['patientId']);
    await api(
      'POST',
      `/patients/${patientId}/allergies`,
      { substance: PLANTED.substance, reaction: PLANTED.reaction, severity: 'mild' },
      'clinician',
    );
    await api(
      'POST',
      `/patients/${patientId}/medical-history`,
      { condition: PLANTED.condition, icd10Code: 'J45.909', status: 'active', note: PLANTED.note },
      'clinician',
    );
    // A booking: its reason, and the confirmation in the outbox (it names the patient and their address).
    const provider = await api('POST', '/providers', { name: 'Dr Erasure', specialty: 'general practice', timeZone: 'UTC' }, 'admin');
    const providerId = String(provider.body['providerId']);
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    await api('PUT', `/providers/${providerId}/availability`, { hours, slotMinutes: 15 }, 'admin');
    const start = new Date(Math.ceil((Date.now() + 3 * 24 * 3600_000) / 900_000) * 900_000).toISOString();
    const booked = await api('POST', '/appointments', {
      patientId,
      providerId,
      start,
      minutes: 15,
      reason: PLANTED.reason,
      type: 'in-person',
    });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    await eventually(
      async () => JSON.stringify((await api('GET', '/notifications/outbox', undefined, 'admin')).body).includes(PLANTED.email),
      'the confirmation in the outbox',
      20_000,
    );
    // A consultation: the note, a prescription given despite an allergy (the check names it), a lab order's note, an addendum.
    const opened = await api('POST', `/patients/${patientId}/encounters`, { origin: { kind: 'walk-in' } }, 'clinician');
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const encounter = `/patients/${patientId}/encounters/${String(opened.body['encounterId'])}`;
    const dosage = { dose: { value: 500, unit: 'mg' }, route: 'oral', frequency: 'three-times-daily', duration: { value: 5, unit: 'd' } };
    const steps: [string, string, unknown][] = [
      ['POST', `/patients/${patientId}/allergies`, { substance: 'Penicillin', reaction: 'Rash', severity: 'mild' }],
      ['PUT', `${encounter}/note/subjective`, { text: PLANTED.soap }],
      ['POST', `${encounter}/diagnoses`, { code: 'J20.9' }],
      ['POST', `${encounter}/prescriptions`, { medication: 'Amoxicillin 500 mg', dosage, overrideReason: PLANTED.override }],
      ['POST', `${encounter}/lab-orders`, { tests: ['58410-2'], priority: 'routine', note: PLANTED.labNote }],
    ];
    let version = 0;
    for (const [method, path, body] of steps) {
      const r = await api(method, path, body, 'clinician');
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).to.be.oneOf([200, 201]);
      version = Number(r.body['version']);
    }
    for (const [path, body] of [
      [`${encounter}/sign`, { evaluationAndManagement: '99212', version }],
      [`${encounter}/addenda`, { text: PLANTED.addendum }],
    ] as const) {
      const r = await api('POST', path, body, 'clinician');
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).to.be.oneOf([200, 201]);
    }
    await allSettled();
    expect(occurrences(app.dataDir).length, 'planted strings are kept before the erasure').to.be.greaterThan(0);
    const before = await exportNow('before');

    const erased = await api('POST', `/patients/${patientId}/erase`, { reason: 'patient-request' }, 'admin');
    expect(erased.status, JSON.stringify(erased.body)).to.equal(200);
    expect((await api('GET', `/patients/${patientId}`, undefined, 'clinician')).status).to.equal(410);
    expect((await api('GET', `/patients/${patientId}/history`, undefined, 'admin')).status).to.equal(410);
    expect(
      (await api('POST', `/patients/${patientId}/allergies`, { substance: 'dust', reaction: 'sneeze', severity: 'mild' }, 'clinician'))
        .status,
    ).to.equal(410);
    expect((await api('GET', `/patients?name=${familyName}`, undefined, 'clinician')).body['items']).to.deep.equal([]);

    // The erasure is done once its policy has run: the key destroyed, the outbox and read models purged, the files compacted.
    await eventually(
      async () => !JSON.stringify((await api('GET', '/notifications/outbox', undefined, 'admin')).body).includes(PLANTED.email),
      'the outbox purged',
      20_000,
    );
    await allSettled();
    await eventually(() => occurrences(app.dataDir).length === 0, `no planted string left: ${occurrences(app.dataDir).join('; ')}`, 20_000);

    const after = await exportNow('after');
    expect(occurrences(after.dir)).to.deep.equal([]);
    for (const { dir, publicKey } of [before, after]) {
      const report = await verifyExport(dir, publicKey);
      expect(report.ok, JSON.stringify(report.findings)).to.equal(true);
    }
    // The new export proves the old one's log a prefix of its own: erasure rewrote nothing.
    const prior = readFileSync(join(before.dir, 'events.checkpoint'), 'utf8');
    expect((await verifyExport(after.dir, after.publicKey, prior)).ok).to.equal(true);

    // The erasure is on the record, naming the patient and nothing else about them.
    const audit = (await api('GET', `/audit?patientId=${patientId}&limit=500`, undefined, 'admin')).body['items'] as {
      request: { method: string; route: string };
      outcome: { status: number };
    }[];
    expect(audit.map((e) => `${e.request.method} ${e.request.route} ${e.outcome.status}`)).to.include(
      'POST /patients/:patientId/erase 200',
    );
  });
});

describe('Erasing a patient inside the retention period, or under a legal hold', function () {
  this.timeout(60_000);
  const dir = tempDir();
  after(() => dir.remove());

  it('is refused with 409 and the date it becomes possible; restricting processing hides the patient instead', async () => {
    const app = await startApp(dir.path, { HCMS_RETENTION_YEARS: '10' });
    try {
      const [desk, admin] = await Promise.all([app.token('receptionist'), app.token('admin')]);
      const api = jsonCaller(app.url, { staff: desk, admin });
      const registered = await api('POST', '/patients', {
        givenName: 'Kept',
        familyName: 'Onfile',
        dateOfBirth: '1980-01-01',
        sex: 'female',
      });
      const patientId = String(registered.body['patientId']);
      const refused = await api('POST', `/patients/${patientId}/erase`, { reason: 'patient-request' }, 'admin');
      expect([refused.status, refused.body['error']]).to.deep.equal([409, 'RETENTION_PERIOD']);
      const from = String((refused.body['details'] as { erasableFrom: string }).erasableFrom);
      expect(Date.parse(from) - Date.now()).to.be.greaterThan(9.9 * 365 * 24 * 3600_000);
      expect((await api('POST', `/patients/${patientId}/erase`, { reason: 'patient-request' })).status, 'admins only').to.equal(403);

      const hold = await api('POST', `/patients/${patientId}/legal-holds`, { basis: 'litigation' }, 'admin');
      expect(hold.status).to.equal(201);
      const restricted = await api('POST', `/patients/${patientId}/restrict-processing`, undefined, 'admin');
      expect(restricted.status).to.equal(200);
      const search = await api('GET', `/patients?name=Onfile&minPosition=${String(restricted.body['position'])}`);
      expect(search.body['items']).to.deep.equal([]);
      const chart = await api('GET', `/patients/${patientId}`, undefined, 'admin');
      expect([chart.status, chart.body['restricted']]).to.deep.equal([200, true]);
    } finally {
      await app.stop();
    }
  });
});
