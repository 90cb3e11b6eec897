import type { Role } from '../actor.js';

/**
 * HL7 v3 PurposeOfUse codes a caller may declare in `x-purpose-of-use`
 * (https://terminology.hl7.org/ValueSet-v3-PurposeOfUse.html): why they are reading.
 */
export const PURPOSES_OF_USE = {
  TREAT: 'treatment',
  ETREAT: 'emergency treatment',
  HPAYMT: 'healthcare payment',
  HOPERAT: 'healthcare operations',
  CAREMGT: 'care management',
  PATRQT: 'patient requested',
  FAMRQT: 'family requested',
  PUBHLTH: 'public health',
  HRESCH: 'healthcare research',
  HSYSADMIN: 'system administration',
  LEGAL: 'legal',
  COMPL: 'compliance',
  HQUALIMP: 'quality improvement',
} as const;
export type PurposeOfUse = keyof typeof PURPOSES_OF_USE;

/** What became of the request, as an auditor filters it. */
export const AUDIT_OUTCOMES = ['success', 'refused', 'not-found', 'invalid', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const outcomeOf = (status: number): AuditOutcome =>
  status < 400
    ? 'success'
    : status === 401 || status === 403
      ? 'refused'
      : status === 404
        ? 'not-found'
        : status < 500
          ? 'invalid'
          : 'failed';

/**
 * One request that read, changed or was refused patient data. It names the patients by id only
 * and keeps no query value that could be personal (names, dates of birth): an audit log anyone
 * with the auditor role reads must not itself leak the chart.
 */
export interface AuditEntry {
  readonly auditId: string;
  /** Ascending in the order entries were committed: what pages and exports follow. */
  readonly sequence: number;
  /** UTC, when the answer was decided. */
  readonly recordedAt: string;
  readonly requestId: string;
  readonly agent: {
    /** The token's subject; null when no valid token was sent (a 401). */
    readonly subject: string | null;
    readonly role: Role | null;
    /** The client's address, as the trusted proxy (if any) reported it. */
    readonly address: string;
    readonly purposeOfUse: PurposeOfUse | null;
  };
  readonly request: {
    readonly method: string;
    /** The route's template, e.g. `/patients/:patientId`: never the query string. */
    readonly route: string;
    /** The path's parameters (ids only) and the query parameters the route declares safe. */
    readonly params: Readonly<Record<string, string>>;
    readonly query: Readonly<Record<string, string>>;
  };
  /** The kind of resource, e.g. `Patient`, `PatientHistory`, `Appointment`. */
  readonly resource: string;
  readonly patientIds: readonly string[];
  readonly outcome: { readonly status: number; readonly result: AuditOutcome };
  /** The log position each read model the answer came from had applied. */
  readonly positions: Readonly<Record<string, number>>;
  /** Each document shown, by id, at the stream version shown. */
  readonly versions: Readonly<Record<string, number>>;
  /** SHA-256 (hex) of the answer's body as canonical JSON (RFC 8785); null for an error answer. */
  readonly bodyDigest: string | null;
  /** The emergency access ("break the glass") this request was admitted under, if any. */
  readonly emergencyAccessId: string | null;
}

/** An entry before the log numbers it. */
export type NewAuditEntry = Omit<AuditEntry, 'sequence'>;
