import type { AuditEntry } from '@hcms/shared-kernel';

/**
 * Our audit entries as FHIR R4 AuditEvents, shaped after IHE Basic Audit Log Patterns (BALP) so an
 * ATNA repository or a SIEM that speaks FHIR can take them as they are. No BALP profile is declared:
 * a validator without the IG would reject it, and BALP's profiles only cover successes anyway.
 */

type Coding = { readonly system: string; readonly code: string; readonly display?: string };

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const SOURCE: Coding = { system: DCM, code: '110153', display: 'Source Role ID' };
const DESTINATION: Coding = { system: DCM, code: '110152', display: 'Destination Role ID' };

type Interaction = 'read' | 'history-instance' | 'search-type' | 'create' | 'update' | 'patch' | 'delete';

/**
 * Our commands POST to a sub-path of the patient or appointment they change (`/patients/:patientId/allergies`):
 * to FHIR that is an update of that record, not the creation of a resource of its own.
 */
const interactionOf = ({ method, route }: AuditEntry['request']): Interaction | undefined => {
  switch (method.toUpperCase()) {
    case 'GET':
      return /\/:\w+$/.test(route) ? 'read' : route.endsWith('/history') ? 'history-instance' : 'search-type';
    case 'POST':
      return /:(patientId|appointmentId)\b/.test(route) ? 'update' : 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return undefined;
  }
};

// BALP records a search as E (execute), not R: what ran was a query, and which records came back is in the entities.
const ACTIONS: Record<Interaction, string> = {
  read: 'R',
  'history-instance': 'R',
  'search-type': 'E',
  create: 'C',
  update: 'U',
  patch: 'U',
  delete: 'D',
};

const isRead = (i: Interaction | undefined): boolean => i === 'read' || i === 'history-instance';

const concept = (...coding: Coding[]) => ({ coding });

/** A detail only when there is something in it: an empty `{}` would only pad every event. */
const jsonDetail = (type: string, value: Readonly<Record<string, unknown>>) =>
  Object.keys(value).length === 0 ? [] : [{ type, valueString: JSON.stringify(value) }];

const escapeXml = (text: string): string => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

export const toFhirAuditEvent = (entry: AuditEntry, source: { observer: string }): Record<string, unknown> => {
  const { agent, request, outcome } = entry;
  const interaction = interactionOf(request);
  const search = interaction === 'search-type';
  // Break-the-glass is a purpose of its own (BTG): an auditor filters on it without knowing our grant ids.
  const purposes = [...new Set([agent.purposeOfUse, entry.emergencyAccessId === null ? null : 'BTG'])].flatMap((code) =>
    code === null ? [] : [concept({ system: ACT_REASON, code })],
  );
  // BALP follows DICOM: the source is the server for a read, but the client for a search (it sends the query) and a write.
  const [serverRole, clientRole] = isRead(interaction) ? [SOURCE, DESTINATION] : [DESTINATION, SOURCE];
  const route = `${request.method} ${request.route}`;
  return {
    resourceType: 'AuditEvent',
    id: entry.auditId,
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXml(`${route}: HTTP ${outcome.status} ${outcome.result}`)}</div>`,
    },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
    ...(interaction && { subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: interaction, display: interaction }] }),
    action: interaction ? ACTIONS[interaction] : 'E',
    recorded: entry.recordedAt,
    outcome: outcome.status < 400 ? '0' : outcome.status < 500 ? '4' : '8',
    outcomeDesc: `HTTP ${outcome.status} ${outcome.result}`,
    ...(purposes.length > 0 && { purposeOfEvent: purposes }),
    agent: [
      // No valid token means no user to name (BALP leaves the user agent out); the client then is the requestor.
      ...(agent.subject === null
        ? []
        : [
            {
              // BALP: whoever receives data is its recipient; whoever changes it, its author.
              type: concept(
                isRead(interaction) || search
                  ? { system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }
                  : { system: PARTICIPATION, code: 'AUT', display: 'author' },
              ),
              who: { identifier: { value: agent.subject } },
              ...(agent.role !== null && { role: [{ text: agent.role }] }),
              requestor: true,
              ...(entry.emergencyAccessId !== null && { policy: [`urn:hcms:emergency-access:${entry.emergencyAccessId}`] }),
              ...(purposes.length > 0 && { purposeOfUse: purposes }),
            },
          ]),
      { type: concept(clientRole), requestor: agent.subject === null, network: { address: agent.address, type: '2' } },
      { type: concept(serverRole), who: { display: 'HCMS' }, requestor: false },
    ],
    source: {
      site: 'HCMS',
      observer: { display: source.observer },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: [
      ...entry.patientIds.map((id) => ({
        what: { reference: `Patient/${id}` },
        type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
        role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
      })),
      {
        // BALP gives the request id an entity of its own, typed from a code system only its IG defines: every
        // validator without the IG would warn on every event, and correlating by request id works as well here.
        what: { identifier: { value: entry.requestId } },
        type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
        role: search
          ? { system: OBJECT_ROLE, code: '24', display: 'Query' }
          : { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
        description: entry.resource,
        // Only the query parameters a route declares safe were kept, so the query can travel as BALP wants it.
        ...(search && { query: Buffer.from(JSON.stringify(request.query)).toString('base64') }),
        detail: [
          { type: 'route', valueString: route },
          ...jsonDetail('params', request.params),
          ...(search ? [] : jsonDetail('query', request.query)),
          ...jsonDetail('positions', entry.positions),
          ...jsonDetail('versions', entry.versions),
          ...(entry.bodyDigest === null ? [] : [{ type: 'bodyDigest', valueString: entry.bodyDigest }]),
        ],
      },
    ],
  };
};

/**
 * One page of a search. `total` is left out: it would have to count every match, not this page.
 * `next` is the URL of the following page, when there is one.
 */
export const toFhirBundle = (entries: readonly AuditEntry[], source: { observer: string }, next?: string): Record<string, unknown> => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...(next !== undefined && { link: [{ relation: 'next', url: next }] }),
  // FHIR JSON forbids an empty array: an empty page has no `entry` at all.
  ...(entries.length > 0 && {
    entry: entries.map((entry) => ({
      fullUrl: `urn:uuid:${entry.auditId}`,
      resource: toFhirAuditEvent(entry, source),
      search: { mode: 'match' },
    })),
  }),
});

/** FHIR bulk-data NDJSON: one AuditEvent a line, every line ended, so files can be concatenated. */
export const toFhirNdjson = (entries: readonly AuditEntry[], source: { observer: string }): string =>
  entries.map((entry) => `${JSON.stringify(toFhirAuditEvent(entry, source))}\n`).join('');
