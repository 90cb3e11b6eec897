import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  AUDIT_OUTCOMES,
  BoundedInt,
  BoundedText,
  conflict,
  defineRoute,
  IntFromQuery,
  invariantViolated,
  IsoDateTime,
  NonEmptyText,
  notFound,
  patientsInItems,
  Uuid,
  withSchema,
  type AuditEntry,
  type AuditLog,
  type Clock,
  type IdGenerator,
  type Route,
} from '@hcms/shared-kernel';
import { digestOf } from './audit-trail.js';
import { toFhirBundle, toFhirNdjson } from './fhir-audit-event.js';

/** Who reads the record of who did what: the audit log, the seal, exports. */
export const AUDITORS = ['admin', 'auditor'] as const;
const FHIR_JSON = 'application/fhir+json';
const FHIR_NDJSON = 'application/fhir+ndjson';
const SOURCE = { observer: 'HCMS' };

const AuditSearch = t.partial({
  patientId: Uuid,
  actor: BoundedText(1, 200, 'the token subject of the one who acted'),
  from: withSchema(IsoDateTime, { type: 'string', format: 'date-time', description: 'entries recorded at or after' }),
  to: withSchema(IsoDateTime, { type: 'string', format: 'date-time', description: 'entries recorded before' }),
  outcome: t.keyof(Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o, null])) as Record<(typeof AUDIT_OUTCOMES)[number], null>),
  limit: IntFromQuery(1, 500),
  cursor: withSchema(IntFromQuery(0, Number.MAX_SAFE_INTEGER), {
    type: 'integer',
    minimum: 0,
    description: 'the `next` value of the previous page',
  }),
});

const AuditParams = t.type({ auditId: Uuid });

const patientsOfEntry = (body: unknown): readonly string[] => (body as Pick<AuditEntry, 'patientIds'>).patientIds;

const stringsOf = (query: Readonly<Record<string, string | number | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));

const utc = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

/** Only the routes that can rebuild their answer from the log can show what was seen; by method and template. */
const reproducersOf = (routes: readonly Route[]) =>
  new Map(
    routes.flatMap((r) => (r.audit !== 'no-patient-data' && r.audit.reproduce ? [[`${r.method} ${r.path}`, r.audit.reproduce]] : [])),
  );

/** Auditors' queries: who reached which patient's data, and exactly what they were shown. */
export const auditRoutes = (log: AuditLog, routes: readonly Route[]): Route[] => {
  const reproducers = reproducersOf(routes);
  return [
    defineRoute({
      method: 'GET',
      path: '/audit',
      summary:
        'Audit entries, oldest first: who read, changed or was refused which patient data, when, from where, why, and the log position they saw. As JSON, a FHIR R4 Bundle of AuditEvents (Accept: application/fhir+json) or FHIR NDJSON (Accept: application/fhir+ndjson)',
      tags: ['audit'],
      roles: [...AUDITORS],
      query: AuditSearch,
      produces: [FHIR_JSON, FHIR_NDJSON],
      audit: { resource: 'AuditLog', keepQuery: ['patientId', 'actor', 'from', 'to', 'outcome', 'limit', 'cursor'] },
      handle: async ({ query, accept }) => {
        const limit = query.limit ?? 100;
        const items = await log.find({
          ...(query.patientId === undefined ? {} : { patientId: query.patientId }),
          ...(query.actor === undefined ? {} : { actor: query.actor }),
          ...(query.from === undefined ? {} : { from: utc(query.from) }),
          ...(query.to === undefined ? {} : { to: utc(query.to) }),
          ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
          ...(query.cursor === undefined ? {} : { after: query.cursor }),
          limit,
        });
        const next = items.length === limit ? (items.at(-1)?.sequence ?? null) : null;
        // The next page: the same filters, after the last entry of this one.
        const nextUrl =
          next === null
            ? undefined
            : `/audit?${new URLSearchParams({ ...stringsOf(query), limit: String(limit), cursor: String(next) }).toString()}`;
        const link = nextUrl === undefined ? {} : { headers: { link: `<${nextUrl}>; rel="next"` } };
        if (accept.includes(FHIR_NDJSON)) return E.right({ body: toFhirNdjson(items, SOURCE), contentType: FHIR_NDJSON, ...link });
        if (accept.includes(FHIR_JSON)) return E.right({ body: toFhirBundle(items, SOURCE, nextUrl), contentType: FHIR_JSON, ...link });
        return E.right({ body: { items, next }, ...link });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/audit/:auditId',
      summary: 'One audit entry',
      tags: ['audit'],
      roles: [...AUDITORS],
      params: AuditParams,
      audit: { resource: 'AuditLog', patientsIn: patientsOfEntry },
      handle: async ({ params }) => {
        const entry = await log.get(params.auditId);
        return entry ? E.right({ body: entry }) : E.left(notFound('AUDIT_ENTRY_NOT_FOUND', 'no such audit entry'));
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/audit/:auditId/view',
      summary:
        'What the reader of an audited request was shown, rebuilt from the event log up to the versions and positions recorded (the same body, byte for byte as canonical JSON), with its digest checked against the recorded one',
      tags: ['audit'],
      roles: [...AUDITORS],
      params: AuditParams,
      errors: [404, 409],
      // Seeing what a reader saw is reading that patient's chart: the entry names them.
      audit: { resource: 'AuditLog', patientsIn: patientsOfEntry },
      handle: async ({ params }) => {
        const entry = await log.get(params.auditId);
        if (!entry) return E.left(notFound('AUDIT_ENTRY_NOT_FOUND', 'no such audit entry'));
        const body = await reproduce(entry);
        if (body === undefined) {
          return E.left(
            conflict(
              'NOT_REPRODUCIBLE',
              entry.outcome.result !== 'success'
                ? `the request was answered ${entry.outcome.status}: no patient data was shown`
                : `answers of ${entry.request.method} ${entry.request.route} are recorded by their digest only`,
            ),
          );
        }
        const reproduced = digestOf(body);
        return E.right({
          body: {
            auditId: entry.auditId,
            recordedAt: entry.recordedAt,
            request: entry.request,
            agent: entry.agent,
            patientIds: entry.patientIds,
            body,
            digest: { recorded: entry.bodyDigest, reproduced, matches: reproduced === entry.bodyDigest },
          },
        });
      },
    }),
  ];

  async function reproduce(entry: AuditEntry): Promise<unknown> {
    const rebuild = reproducers.get(`${entry.request.method} ${entry.request.route}`);
    if (!rebuild || entry.outcome.result !== 'success' || entry.agent.role === null) return undefined;
    return rebuild({
      ...entry.request,
      role: entry.agent.role,
      positions: entry.positions,
      versions: entry.versions,
      at: entry.recordedAt,
    });
  }
};

const GrantBody = t.intersection([
  t.type({
    reason: withSchema(NonEmptyText, { type: 'string', minLength: 1, maxLength: 200, description: 'why the record must be opened now' }),
  }),
  t.partial({
    minutes: BoundedInt(5, 24 * 60, 'how long the access lasts (default 60, or the configured maximum if lower)'),
  }),
]);

const GrantList = t.partial({
  status: t.keyof({ open: null, past: null }),
  limit: IntFromQuery(1, 500),
});

/**
 * Break the glass: a staff member whose role does not reach a patient's record may open it for a
 * short time in an emergency, with a reason. Every read under the grant is marked in its audit entry.
 */
export const emergencyAccessRoutes = (log: AuditLog, ids: IdGenerator, clock: Clock, maxMinutes: number): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/patients/:patientId/emergency-access',
    summary: `Declare an emergency to read one patient's record without the role for it, for a time (default 60 minutes, at most ${maxMinutes}); every read under it is marked in the audit log`,
    tags: ['audit'],
    roles: ['admin', 'clinician', 'receptionist', 'lab-technician', 'billing-clerk'],
    params: t.type({ patientId: Uuid }),
    body: GrantBody,
    successStatus: 201,
    errors: [422],
    audit: { resource: 'EmergencyAccess' },
    handle: async ({ params, body, principal }) => {
      const minutes = body.minutes ?? Math.min(60, maxMinutes);
      if (minutes > maxMinutes) {
        return E.left(invariantViolated('EMERGENCY_ACCESS_TOO_LONG', `an emergency access lasts at most ${maxMinutes} minutes`));
      }
      const now = clock.now();
      const grant = {
        emergencyAccessId: ids.next(),
        patientId: params.patientId,
        subject: principal.id,
        role: principal.role,
        reason: body.reason,
        grantedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
      };
      await log.grantEmergencyAccess(grant);
      return E.right({ status: 201, body: grant });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/emergency-access',
    summary: 'Emergency accesses, newest first: open ones (default) or past ones',
    tags: ['audit'],
    roles: [...AUDITORS],
    query: GrantList,
    audit: { resource: 'EmergencyAccess', patientsIn: patientsInItems },
    handle: async ({ query }) => {
      const items = await log.emergencyAccesses(query.status !== 'past', clock.now().toISOString(), query.limit ?? 100);
      return E.right({ body: { items } });
    },
  }),
];
