import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  outcomeOf,
  Uuid,
  UUID_PATTERN,
  type Actor,
  type AuditLog,
  type Clock,
  type IdGenerator,
  type NewAuditEntry,
  type PurposeOfUse,
  type Route,
  type RouteAudit,
  type RouteResponse,
} from '@hcms/shared-kernel';

/** The request as the HTTP host saw it: raw, since a refused request was never decoded. */
export interface AuditedRequest {
  readonly id: string;
  readonly address: string;
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

/** How the request was answered, and by whose authority. */
export interface AuditedAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly principal?: Actor;
  readonly purposeOfUse?: PurposeOfUse;
  readonly response?: RouteResponse;
  readonly emergencyAccessId?: string;
  /** The query as decoded, when it was: only decoded values may be kept (a refused one may hold anything). */
  readonly query?: unknown;
}

const fieldsOf = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const isId = (value: unknown): value is string => Uuid.is(value);

/** A path's id: a UUID, or one with a kind before it (`reminder-<uuid>`, a notification's). */
const PATH_ID = new RegExp(`^(?:[a-z]{1,20}-)?${UUID_PATTERN}$`, 'i');

/** SHA-256 of the body as canonical JSON (RFC 8785), or of the text itself: what `view` compares. */
export const digestOf = (body: unknown): string =>
  createHash('sha256')
    .update(typeof body === 'string' || Buffer.isBuffer(body) ? body : (canonicalize(body) ?? 'null'))
    .digest('hex');

/**
 * Writes one entry for every request to a route that touches patient data. Only ids and the
 * query parameters a route declares safe are kept: a path segment that is not an id, a search
 * term, a body's content never reach the audit log.
 */
export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  /** Resolves once the entry is durable; nothing when the route touches no patient data. */
  async record(route: Route, request: AuditedRequest, answer: AuditedAnswer): Promise<void> {
    if (route.audit === 'no-patient-data') return;
    await this.log.record(this.entryOf(route.audit, route, request, answer));
  }

  private entryOf(audit: RouteAudit, route: Route, request: AuditedRequest, answer: AuditedAnswer): NewAuditEntry {
    const params = Object.fromEntries(
      Object.entries(fieldsOf(request.params)).map(([name, value]) => [
        name,
        typeof value === 'string' && PATH_ID.test(value) ? value : '(not an id)',
      ]),
    );
    const decoded = fieldsOf(answer.query);
    const query = Object.fromEntries(
      (audit.keepQuery ?? []).flatMap((name) => {
        const value = decoded[name];
        return typeof value === 'string' || typeof value === 'number' ? [[name, String(value)]] : [];
      }),
    );
    const succeeded = answer.status < 400;
    const patientIds = new Set<string>();
    for (const candidate of [fieldsOf(request.params)['patientId'], fieldsOf(request.body)['patientId'], decoded['patientId']]) {
      if (isId(candidate)) patientIds.add(candidate);
    }
    if (succeeded) {
      // A write about a patient answers with their id (a registration, a booking): that is who it concerned.
      const answered = fieldsOf(answer.body)['patientId'];
      if (isId(answered)) patientIds.add(answered);
      for (const id of audit.patientsIn?.(answer.body) ?? []) patientIds.add(id);
    }
    return {
      auditId: this.ids.next(),
      recordedAt: this.clock.now().toISOString(),
      requestId: request.id,
      agent: {
        subject: answer.principal?.id ?? null,
        role: answer.principal?.role ?? null,
        address: request.address,
        purposeOfUse: answer.purposeOfUse ?? null,
      },
      request: { method: route.method, route: route.path, params, query },
      resource: audit.resource,
      patientIds: [...patientIds],
      outcome: { status: answer.status, result: outcomeOf(answer.status) },
      positions: answer.response?.positions ?? {},
      versions: answer.response?.versions ?? {},
      bodyDigest: succeeded ? (answer.response?.digest ?? digestOf(answer.body)) : null,
      emergencyAccessId: answer.emergencyAccessId ?? null,
    };
  }
}
