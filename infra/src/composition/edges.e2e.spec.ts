import { expect } from 'chai';
import { platformUnderTest } from '../testing/running-app.js';

const id = '0195f3a0-0000-7000-8000-000000000000';
const BAD_DATE = '2030-02-31';
const BAD_INSTANT = '2030-02-31T10:00:00Z';
const ada = { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' };
const booking = { patientId: id, providerId: id, start: '2030-01-07T10:00:00Z', minutes: 30, reason: 'check-up', type: 'video' };

interface Case {
  readonly method: string;
  /** The route as the API document names it. */
  readonly route: string;
  /** The request: an impossible date in `field`, everything else valid. */
  readonly url: string;
  readonly field: string;
  readonly body?: unknown;
  /** Who asks, when the route is not an admin's (clinical routes). */
  readonly role?: 'clinician' | 'lab-technician' | 'admin' | 'billing-clerk';
}

const encounter = `/patients/${id}/encounters/${id}`;
const dosage = { dose: { value: 500, unit: 'mg' }, route: 'oral', frequency: 'once-daily', duration: { value: 7, unit: 'd' } };

/** Every route that takes a date or a date-time, each with an impossible one. */
const CASES: readonly Case[] = [
  { method: 'POST', route: '/patients', url: '/patients', field: 'body.dateOfBirth', body: { ...ada, dateOfBirth: BAD_DATE } },
  { method: 'GET', route: '/patients', url: `/patients?dateOfBirth=${BAD_DATE}`, field: 'query.dateOfBirth' },
  {
    method: 'PATCH',
    route: '/patients/{patientId}/demographics',
    url: `/patients/${id}/demographics`,
    field: 'body.dateOfBirth',
    body: { dateOfBirth: BAD_DATE },
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/medical-history',
    url: `/patients/${id}/medical-history`,
    field: 'body.onsetDate',
    body: { condition: 'Diabetes', icd10Code: 'E11.9', status: 'active', onsetDate: BAD_DATE },
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/medical-history/{entryId}',
    url: `/patients/${id}/medical-history/${id}`,
    field: 'body.onsetDate',
    body: { onsetDate: BAD_DATE },
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/consents',
    url: `/patients/${id}/consents`,
    field: 'body.expiresOn',
    body: { kind: 'research', expiresOn: BAD_DATE },
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/death',
    url: `/patients/${id}/death`,
    field: 'body.dateOfDeath',
    body: { dateOfDeath: BAD_DATE },
  },
  { method: 'GET', route: '/patients/{patientId}/history', url: `/patients/${id}/history?asOf=${BAD_INSTANT}`, field: 'query.asOf' },
  {
    method: 'POST',
    route: '/providers/{providerId}/availability/exceptions',
    url: `/providers/${id}/availability/exceptions`,
    field: 'body.date',
    body: { date: BAD_DATE, kind: 'time-off' },
  },
  { method: 'POST', route: '/appointments', url: '/appointments', field: 'body.start', body: { ...booking, start: BAD_INSTANT } },
  {
    method: 'POST',
    route: '/appointments',
    url: '/appointments',
    field: 'body.start',
    body: { ...booking, start: '2030-01-07T24:61:00Z' },
  },
  {
    method: 'POST',
    route: '/appointments/{appointmentId}/reschedule',
    url: `/appointments/${id}/reschedule`,
    field: 'body.start',
    body: { start: BAD_INSTANT, minutes: 30 },
  },
  { method: 'GET', route: '/providers/{providerId}/calendar', url: `/providers/${id}/calendar?from=${BAD_DATE}`, field: 'query.from' },
  { method: 'GET', route: '/slots', url: `/slots?specialty=cardiology&from=${BAD_DATE}`, field: 'query.from' },
  { method: 'GET', route: '/patients/{patientId}', url: `/patients/${id}?asOf=${BAD_INSTANT}`, field: 'query.asOf' },
  { method: 'GET', route: '/audit', url: `/audit?from=${BAD_INSTANT}`, field: 'query.from' },
  { method: 'GET', route: '/audit', url: `/audit?to=${BAD_INSTANT}`, field: 'query.to' },
  {
    method: 'POST',
    route: '/patients/{patientId}/legal-holds',
    url: `/patients/${id}/legal-holds`,
    field: 'body.until',
    body: { basis: 'litigation', until: BAD_DATE },
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/encounters',
    url: `/patients/${id}/encounters`,
    field: 'body.dateOfService',
    body: { origin: { kind: 'walk-in' }, dateOfService: BAD_DATE },
    role: 'clinician',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/encounters/{encounterId}/vitals',
    url: `${encounter}/vitals`,
    field: 'body.takenAt',
    body: { vitals: [{ kind: 'heart-rate', value: 70, unit: '/min' }], takenAt: BAD_INSTANT },
    role: 'clinician',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/encounters/{encounterId}/plan-items',
    url: `${encounter}/plan-items`,
    field: 'body.dueDate',
    body: { description: 'Review', dueDate: BAD_DATE },
    role: 'clinician',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/encounters/{encounterId}/prescriptions',
    url: `${encounter}/prescriptions`,
    field: 'body.startDate',
    body: { medication: 'Amoxicillin', dosage, startDate: BAD_DATE },
    role: 'clinician',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/encounters/{encounterId}/prescriptions/{prescriptionId}/replace',
    url: `${encounter}/prescriptions/${id}/replace`,
    field: 'body.replacement.startDate',
    body: { reason: 'Rash', replacement: { medication: 'Azithromycin', dosage, startDate: BAD_DATE } },
    role: 'clinician',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/lab-orders/{labOrderId}/specimens',
    url: `/patients/${id}/lab-orders/${id}/specimens`,
    field: 'body.collectedAt',
    body: { specimenType: 'serum', collectedAt: BAD_INSTANT },
    role: 'lab-technician',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/lab-orders/{labOrderId}/critical-callbacks',
    url: `/patients/${id}/lab-orders/${id}/critical-callbacks`,
    field: 'body.calledAt',
    body: { alertId: 'alert-1', reached: { name: 'Dr Lab', role: 'ordering-clinician' }, readBack: true, calledAt: BAD_INSTANT },
    role: 'lab-technician',
  },
  {
    method: 'PUT',
    route: '/billing/fees/{code}',
    url: '/billing/fees/99213',
    field: 'body.effectiveFrom',
    body: { description: 'Office visit', price: { amount: 12000, currency: 'USD' }, effectiveFrom: BAD_DATE },
    role: 'admin',
  },
  {
    method: 'POST',
    route: '/patients/{patientId}/charges',
    url: `/patients/${id}/charges`,
    field: 'body.serviceDate',
    body: { code: '99213', serviceDate: BAD_DATE },
    role: 'billing-clerk',
  },
  { method: 'GET', route: '/patients/{patientId}/statement', url: `/patients/${id}/statement?asOf=${BAD_DATE}`, field: 'query.asOf' },
  { method: 'GET', route: '/billing/reports/aging', url: `/billing/reports/aging?asOf=${BAD_DATE}`, field: 'query.asOf' },
  { method: 'GET', route: '/billing/reports/takings', url: `/billing/reports/takings?date=${BAD_DATE}`, field: 'query.date' },
  { method: 'POST', route: '/exports', url: '/exports', field: 'body.from', body: { from: BAD_INSTANT } },
  { method: 'POST', route: '/exports', url: '/exports', field: 'body.to', body: { to: BAD_INSTANT } },
];

type Schema = { format?: string; properties?: Record<string, Schema>; anyOf?: Schema[]; allOf?: Schema[]; items?: Schema };
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

const takesDate = (s: Schema | undefined): boolean =>
  s !== undefined &&
  (s.format === 'date' ||
    s.format === 'date-time' ||
    Object.values(s.properties ?? {}).some(takesDate) ||
    [...(s.anyOf ?? []), ...(s.allOf ?? [])].some(takesDate) ||
    takesDate(s.items));

describe('The edges of the HTTP API', function () {
  this.timeout(60_000);
  const app = platformUnderTest();
  const admin = () => app.token('admin');

  describe('an impossible date or date-time', () => {
    it('is covered on every route that takes one', async () => {
      const doc = (await app.call('GET', '/docs/json')).body as { paths: Record<string, Record<string, Operation>> };
      const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(
            ([, op]) =>
              (op.parameters ?? []).some((p) => takesDate(p.schema)) || takesDate(op.requestBody?.content['application/json']?.schema),
          )
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
      expect(routes).to.have.length.greaterThan(5);
      expect([...new Set(CASES.map((c) => `${c.method} ${c.route}`))]).to.have.members(routes);
    });

    for (const c of CASES) {
      it(`is a 400 naming ${c.field} on ${c.method} ${c.route}, and appends nothing`, async () => {
        const before = await app.head();
        const token = c.role ? await app.token(c.role) : await admin();
        const res = await app.call(c.method, c.url, { token, ...(c.body === undefined ? {} : { body: c.body }) });
        expect(res.status, JSON.stringify(res.body)).to.equal(400);
        expect((res.body.problems as { path: string }[]).map((p) => p.path)).to.deep.equal([c.field]);
        expect(await app.head(), 'nothing appended').to.equal(before);
      });
    }
  });

  describe('a method a path does not declare', () => {
    const allowed = async (method: string, url: string) => {
      const res = await fetch(`${app.url}${url}`, { method, headers: { authorization: `Bearer ${await admin()}` } });
      return { status: res.status, allow: res.headers.get('allow'), body: (await res.json()) as { error: string } };
    };

    it('is a 405 naming the methods it allows on a GET-only route', async () => {
      expect(await allowed('DELETE', `/patients/${id}`)).to.deep.include({ status: 405, allow: 'GET, HEAD' });
      expect((await allowed('PUT', '/read-models')).body.error).to.equal('METHOD_NOT_ALLOWED');
    });

    it('lists every method of a path declared with several', async () =>
      expect(await allowed('DELETE', '/patients')).to.deep.include({ status: 405, allow: 'GET, HEAD, POST' }));

    it('is a 405 on a command route asked with GET', async () =>
      expect(await allowed('GET', `/patients/${id}/deactivate`)).to.deep.include({ status: 405, allow: 'POST' }));

    it('leaves unknown paths at 404', async () => {
      expect((await allowed('DELETE', '/no-such-thing')).status).to.equal(404);
      expect((await allowed('GET', `/patients/${id}/no-such-thing`)).status).to.equal(404);
    });
  });
});
