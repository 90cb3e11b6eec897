import { expect } from 'chai';
import type { AuditEntry } from '@hcms/shared-kernel';
import { toFhirAuditEvent, toFhirBundle, toFhirNdjson } from './fhir-audit-event.js';

const PATIENT = '3f1c2a4e-8b7d-4c6a-9e21-0a1b2c3d4e5f';
const SOURCE = { observer: 'hcms-api-1' };

const read: AuditEntry = {
  auditId: '00000000-0000-4000-8000-000000000001',
  sequence: 1,
  recordedAt: '2025-03-01T10:15:30.123Z',
  requestId: 'req-1',
  agent: { subject: 'user-42', role: 'clinician', address: '10.0.0.7', purposeOfUse: 'TREAT' },
  request: { method: 'GET', route: '/patients/:patientId', params: { patientId: PATIENT }, query: {} },
  resource: 'Patient',
  patientIds: [PATIENT],
  outcome: { status: 200, result: 'success' },
  positions: { 'patient-detail': 12 },
  versions: { [PATIENT]: 3 },
  bodyDigest: 'ab'.repeat(32),
  emergencyAccessId: null,
};

const entry = (over: Partial<AuditEntry>): AuditEntry => ({ ...read, ...over });
const to = (method: string, route: string, query: Record<string, string> = {}) => entry({ request: { method, route, params: {}, query } });
const event = (e: AuditEntry) => toFhirAuditEvent(e, SOURCE);
const participation = (code: string, display: string) => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code, display }],
});
const dcm = (code: string, display: string) => ({ coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code, display }] });
const actReason = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code }] });
const treat = { purposeOfUse: [actReason('TREAT')] };

describe('The FHIR AuditEvent of an audit entry', () => {
  describe('names the RESTful interaction and its action, as BALP does', () => {
    const cases: [string, string, string, string][] = [
      ['GET', '/patients/:patientId', 'read', 'R'],
      ['GET', '/patients/:patientId/history', 'history-instance', 'R'],
      ['GET', '/patients', 'search-type', 'E'],
      ['GET', '/patients/:patientId/appointments', 'search-type', 'E'],
      ['POST', '/patients', 'create', 'C'],
      ['POST', '/patients/:patientId/allergies', 'update', 'U'],
      ['POST', '/appointments/:appointmentId/reschedule', 'update', 'U'],
      ['PUT', '/providers/:providerId/availability', 'update', 'U'],
      ['PATCH', '/patients/:patientId/demographics', 'patch', 'U'],
      ['DELETE', '/things/:thingId', 'delete', 'D'],
    ];
    for (const [method, route, subtype, action] of cases)
      it(`${method} ${route} → ${subtype}, ${action}`, () => {
        const ev = event(to(method, route));
        expect(ev).to.have.nested.property('subtype[0].code', subtype);
        expect(ev).to.have.property('action', action);
      });

    it('leaves the subtype out for a method FHIR has no interaction for', () => {
      const ev = event(to('OPTIONS', '/patients'));
      expect(ev).not.to.have.property('subtype');
      expect(ev).to.have.property('action', 'E');
    });
  });

  it('maps the HTTP status to FHIR outcome: 0 success, 4 a client error, 8 a server error', () => {
    const outcomeOf = (status: number, result: AuditEntry['outcome']['result']) => event(entry({ outcome: { status, result } }));
    expect(outcomeOf(201, 'success')).to.include({ outcome: '0', outcomeDesc: 'HTTP 201 success' });
    expect(outcomeOf(403, 'refused')).to.include({ outcome: '4', outcomeDesc: 'HTTP 403 refused' });
    expect(outcomeOf(404, 'not-found')).to.include({ outcome: '4' });
    expect(outcomeOf(503, 'failed')).to.include({ outcome: '8' });
  });

  it('has one Patient entity per patient, before the entity describing the request', () => {
    const ids = [PATIENT, '7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d'];
    const entities = event(entry({ patientIds: ids }))['entity'];
    expect(entities).to.have.length(3);
    ids.forEach((id, i) =>
      expect(entities).to.have.deep.nested.property(`[${i}]`, {
        what: { reference: `Patient/${id}` },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      }),
    );
    expect(entities).to.have.nested.property('[2].what.identifier.value', 'req-1');
    expect(entities).to.have.deep.nested.property('[2].detail', [
      { type: 'route', valueString: 'GET /patients/:patientId' },
      { type: 'params', valueString: `{"patientId":"${PATIENT}"}` },
      { type: 'positions', valueString: '{"patient-detail":12}' },
      { type: 'versions', valueString: `{"${PATIENT}":3}` },
      { type: 'bodyDigest', valueString: 'ab'.repeat(32) },
    ]);
  });

  it('has only the request entity when no patient was touched', () =>
    expect(event(entry({ patientIds: [], resource: 'DeadLetter' }))['entity']).to.have.length(1));

  it('carries a search’s kept query parameters base64-encoded, as BALP’s query entity', () => {
    const request = event(to('GET', '/patients', { limit: '20' }))['entity'];
    expect(request).to.have.nested.property('[1].role.code', '24');
    expect(request).to.have.nested.property('[1].query', Buffer.from('{"limit":"20"}').toString('base64'));
    expect(event(read)['entity']).not.to.have.nested.property('[1].query');
  });

  describe('for a caller with a valid token', () => {
    it('names the user by subject and role, as recipient of a read and author of a write', () => {
      const user = { who: { identifier: { value: 'user-42' } }, role: [{ text: 'clinician' }], requestor: true };
      expect(event(read)).to.have.deep.nested.include({
        'agent[0]': { ...user, type: participation('IRCP', 'information recipient'), ...treat },
      });
      expect(event(to('POST', '/patients'))).to.have.deep.nested.include({
        'agent[0]': { ...user, type: participation('AUT', 'author'), ...treat },
      });
    });

    it('records the declared purpose of use, and none when none was declared', () => {
      expect(event(read)).to.have.nested.property('purposeOfEvent[0].coding[0].code', 'TREAT');
      const undeclared = event(entry({ agent: { ...read.agent, purposeOfUse: null } }));
      expect(undeclared).not.to.have.property('purposeOfEvent');
      expect(undeclared).not.to.have.nested.property('agent[0].purposeOfUse');
    });

    it('marks an emergency access by its grant and the break-the-glass purpose', () => {
      const ev = event(
        entry({ agent: { ...read.agent, purposeOfUse: 'ETREAT' }, emergencyAccessId: 'e1e2e3e4-0000-4000-8000-000000000001' }),
      );
      expect(ev).to.have.deep.nested.property('agent[0].policy', ['urn:hcms:emergency-access:e1e2e3e4-0000-4000-8000-000000000001']);
      expect(ev).to.have.deep.nested.property('purposeOfEvent', [actReason('ETREAT'), actReason('BTG')]);
      expect(ev).to.have.deep.nested.property('agent[0].purposeOfUse', [actReason('ETREAT'), actReason('BTG')]);
      expect(event(read)).not.to.have.nested.property('agent[0].policy');
    });

    it('puts the server on the side the data leaves from: source of a read, destination of a write', () => {
      expect(event(read)).to.have.nested.property('agent[2].type.coding[0].code', '110153');
      expect(event(read)).to.have.nested.property('agent[1].type.coding[0].code', '110152');
      expect(event(to('POST', '/patients'))).to.have.nested.property('agent[2].type.coding[0].code', '110152');
    });
  });

  describe('for a request without a valid token (a 401)', () => {
    const anonymous = entry({
      agent: { subject: null, role: null, address: '2001:db8::1', purposeOfUse: null },
      outcome: { status: 401, result: 'refused' },
      positions: {},
      versions: {},
      bodyDigest: null,
    });

    it('has no user agent: the client at its address is the requestor', () => {
      expect(event(anonymous)['agent']).to.deep.equal([
        { type: dcm('110152', 'Destination Role ID'), requestor: true, network: { address: '2001:db8::1', type: '2' } },
        { type: dcm('110153', 'Source Role ID'), who: { display: 'HCMS' }, requestor: false },
      ]);
    });

    it('holds no undefined or null value, which FHIR JSON could not carry', () => {
      const ev = event(anonymous);
      expect(JSON.parse(JSON.stringify(ev))).to.deep.equal(ev);
      expect(JSON.stringify(ev)).not.to.include('null');
    });
  });
});

describe('A FHIR searchset Bundle of audit entries', () => {
  it('holds each event under its urn:uuid, with no total, and a next link only when there is a next page', () => {
    const bundle = toFhirBundle([read], SOURCE, 'https://hcms.example/audit?cursor=abc');
    expect(bundle).to.deep.equal({
      resourceType: 'Bundle',
      type: 'searchset',
      link: [{ relation: 'next', url: 'https://hcms.example/audit?cursor=abc' }],
      entry: [{ fullUrl: `urn:uuid:${read.auditId}`, resource: event(read), search: { mode: 'match' } }],
    });
    expect(toFhirBundle([read], SOURCE)).not.to.have.property('link');
  });

  it('has no entry array at all for an empty page (FHIR JSON forbids empty arrays)', () =>
    expect(toFhirBundle([], SOURCE)).to.deep.equal({ resourceType: 'Bundle', type: 'searchset' }));
});

describe('FHIR NDJSON of audit entries', () => {
  it('is one AuditEvent a line, every line ended by a newline', () => {
    const second = entry({ auditId: '00000000-0000-4000-8000-000000000002', sequence: 2 });
    const ndjson = toFhirNdjson([read, second], SOURCE);
    expect(ndjson.endsWith('\n')).to.equal(true);
    expect(
      ndjson
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as unknown),
    ).to.deep.equal([event(read), event(second)]);
  });

  it('is empty for no entries', () => expect(toFhirNdjson([], SOURCE)).to.equal(''));
});
