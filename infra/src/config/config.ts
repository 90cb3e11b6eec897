import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { join, resolve } from 'node:path';
import { decode, IntFromQuery } from '@hcms/shared-kernel';
import { DEFAULT_AUDIENCE, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '../auth/jwt.js';
import { DEV_IDENTITY_KEY_SECRET } from '@hcms/patients';
import { jwtSecretFor, secretFor } from './jwt-secret.js';
import { billingConfig, BillingEnv, type BillingConfig } from './billing-config.js';

export { DEV_JWT_SECRET } from './jwt-secret.js';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly jwtSecret: string;
  /** Keys the identity index (HMAC), so its stream names cannot be reversed by a dictionary of names. */
  readonly identityKeySecret: string;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  /** Lifetime of the tokens this platform issues; never above the maximum. */
  readonly tokenTtlSeconds: number;
  /** The longest lifetime (`exp - iat`) of a token the platform accepts. */
  readonly tokenMaxLifetimeSeconds: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  readonly readYourWritesTimeoutMs: number;
  /** `full` (default) never loses an acknowledged command; `normal` may lose the last ones on power loss. */
  readonly durability: 'full' | 'normal';
  /** Stop when the process that started this one dies (set by the stack for its services). */
  readonly stopWithParent: boolean;
  readonly production: boolean;
  readonly warnings: readonly string[];
  /** A SQLite file path, or `esdb://…` / `kurrentdb://…`. */
  readonly eventStore: string;
  /** `memory`, or `amqp://…`. */
  readonly bus: string;
  /** Prefix of the exchange and queue names on the broker. */
  readonly busPrefix: string;
  /** A SQLite file path, or `mongodb://…`. */
  readonly readStore: string;
  /** The audit log's SQLite file: apart from the event log, shared by every process of one platform. */
  readonly auditLog: string;
  /** The seal's SQLite file: leaf hashes and signed checkpoints of the event and audit logs. */
  readonly sealLog: string;
  /** The Ed25519 key (PKCS #8 PEM) that signs checkpoints and exports. */
  readonly signingKeyFile: string;
  /** The key (32 bytes, base64) that wraps every patient's data key. */
  readonly masterKeyFile: string;
  /** Per-patient data keys, wrapped: a SQLite file apart from the event log. */
  readonly patientKeys: string;
  /** Which missing key files are created: only those not named, in the data directory (embedded). */
  readonly createKeys: { readonly signing: boolean; readonly master: boolean };
  /** How many years a record is kept after its last change before it may be erased. */
  readonly retentionYears: number;
  /** After the newest ICD-10-CM edition installed has given way to the next: refuse diagnoses, or code against it knowingly. */
  readonly icd10cmAfterNewest: 'refuse' | 'newest';
  /** Where exports asked for over HTTP are written, one directory each. */
  readonly exportDir: string;
  /** Names this platform's logs in checkpoints (`<origin>/events`, `<origin>/audit`). */
  readonly logOrigin: string;
  /** Proxies (addresses or CIDRs) whose `x-forwarded-for` names the client in audit entries. */
  readonly trustedProxies: readonly string[];
  /** How long an emergency access ("break the glass") lasts at most. */
  readonly emergencyAccessMaxMinutes: number;
  /** How often a follower polls a SQLite event store written by another process. */
  readonly pollMs: number;
  /** Where the gateway sends what it does not serve itself. */
  readonly upstreams: {
    readonly patients?: string;
    readonly appointments?: string;
    readonly notifications?: string;
    readonly consultations?: string;
    readonly laboratory?: string;
    readonly billing?: string;
    readonly query?: string;
    readonly relay?: string;
  };
  readonly appointments: {
    /** How long a slot may stay held without its appointment before the settler decides it. */
    readonly holdBoundMs: number;
    readonly settleIntervalMs: number;
  };
  readonly laboratory: {
    /** Where analysers and reference laboratories send HL7 v2 results (MLLP); port 0 picks a free one. */
    readonly mllpHost: string;
    readonly mllpPort: number;
  };
  readonly billing: BillingConfig;
  readonly notifications: {
    readonly smtpUrl?: string;
    readonly smtpFrom: string;
    readonly smsUrl?: string;
    readonly smsToken?: string;
    readonly reminderLeadSeconds: number;
    readonly deliveryAttempts: number;
    readonly retryDelaySeconds: number;
    readonly dispatchIntervalMs: number;
    /** How to reach staff (clinicians, the on-call contact): a JSON file kept with the rota. */
    readonly staffDirectory: string;
    /** How often a critical result's alert is sent again until someone records the read-back. */
    readonly criticalRepeatSeconds: number;
    /** Rounds sent to the ordering clinician before the on-call contact is alerted instead. */
    readonly criticalOnCallAfterRounds: number;
  };
}

const Env = t.partial({
  HCMS_PORT: IntFromQuery(0, 65535),
  HCMS_HOST: t.string,
  HCMS_DATA_DIR: t.string,
  HCMS_JWT_SECRET: t.string,
  HCMS_IDENTITY_KEY_SECRET: t.string,
  HCMS_JWT_ISSUER: t.string,
  HCMS_JWT_AUDIENCE: t.string,
  HCMS_TOKEN_TTL_SECONDS: IntFromQuery(60, 31 * 24 * 3600),
  HCMS_TOKEN_MAX_LIFETIME_SECONDS: IntFromQuery(60, 31 * 24 * 3600),
  HCMS_BODY_LIMIT_BYTES: IntFromQuery(1024, 64 * 1024 * 1024),
  HCMS_LOG_LEVEL: t.keyof({ fatal: null, error: null, warn: null, info: null, debug: null, trace: null, silent: null }),
  HCMS_READ_YOUR_WRITES_TIMEOUT_MS: IntFromQuery(0, 60_000),
  HCMS_DURABILITY: t.keyof({ full: null, 'normal-may-lose-last-commits-on-power-loss': null }),
  HCMS_STOP_WITH_PARENT: t.keyof({ '0': null, '1': null }),
  HCMS_EVENT_STORE: t.string,
  HCMS_BUS: t.string,
  HCMS_BUS_PREFIX: t.string,
  HCMS_READ_STORE: t.string,
  HCMS_AUDIT_LOG: t.string,
  HCMS_TRUSTED_PROXIES: t.string,
  HCMS_SEAL_LOG: t.string,
  HCMS_EXPORT_DIR: t.string,
  HCMS_RETENTION_YEARS: IntFromQuery(0, 100),
  HCMS_ICD10CM_AFTER_NEWEST: t.keyof({ refuse: null, newest: null }),
  HCMS_SIGNING_KEY_FILE: t.string,
  HCMS_MASTER_KEY_FILE: t.string,
  HCMS_PATIENT_KEYS: t.string,
  HCMS_LOG_ORIGIN: t.string,
  HCMS_EMERGENCY_ACCESS_MAX_MINUTES: IntFromQuery(5, 24 * 60),
  HCMS_POLL_MS: IntFromQuery(1, 10_000),
  HCMS_PATIENTS_URL: t.string,
  HCMS_QUERY_URL: t.string,
  HCMS_APPOINTMENTS_URL: t.string,
  HCMS_NOTIFICATIONS_URL: t.string,
  HCMS_CONSULTATIONS_URL: t.string,
  HCMS_LABORATORY_URL: t.string,
  HCMS_BILLING_URL: t.string,
  HCMS_MLLP_HOST: t.string,
  HCMS_MLLP_PORT: IntFromQuery(0, 65535),
  HCMS_SMTP_URL: t.string,
  HCMS_SMTP_FROM: t.string,
  HCMS_SMS_URL: t.string,
  HCMS_SMS_TOKEN: t.string,
  HCMS_REMINDER_LEAD_SECONDS: IntFromQuery(0, 30 * 24 * 3600),
  HCMS_DELIVERY_ATTEMPTS: IntFromQuery(1, 20),
  HCMS_RETRY_DELAY_SECONDS: IntFromQuery(0, 24 * 3600),
  HCMS_DISPATCH_INTERVAL_MS: IntFromQuery(10, 60_000),
  HCMS_STAFF_DIRECTORY: t.string,
  HCMS_CRITICAL_REPEAT_SECONDS: IntFromQuery(1, 86_400),
  HCMS_CRITICAL_ONCALL_AFTER_ROUNDS: IntFromQuery(0, 100),
  HCMS_RELAY_URL: t.string,
  HCMS_HOLD_BOUND_MS: IntFromQuery(1000, 3_600_000),
  HCMS_HOLD_SETTLE_INTERVAL_MS: IntFromQuery(10, 60_000),
  ...BillingEnv.props,
});

/** Configuration from the environment, validated: a bad value stops the start with its name. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const relevant = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in Env.props && v !== undefined && v !== ''));
  const parsed = decode(Env, relevant, 'environment');
  if (E.isLeft(parsed)) {
    const problems = (parsed.left.problems ?? []).map((p) => `${p.path.replace('environment.', '')} ${p.rule}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.right;
  const production = env['NODE_ENV'] === 'production';
  const host = e.HCMS_HOST ?? '127.0.0.1';
  const jwt = jwtSecretFor(e.HCMS_JWT_SECRET, host, production);
  const identity = secretFor('HCMS_IDENTITY_KEY_SECRET', e.HCMS_IDENTITY_KEY_SECRET, DEV_IDENTITY_KEY_SECRET, host, production);
  const [jwtSecret, identityKeySecret] = [jwt.secret, identity.secret];
  const warnings = [...jwt.warnings, ...identity.warnings];
  const tokenMaxLifetimeSeconds = e.HCMS_TOKEN_MAX_LIFETIME_SECONDS ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const tokenTtlSeconds = e.HCMS_TOKEN_TTL_SECONDS ?? Math.min(8 * 3600, tokenMaxLifetimeSeconds);
  if (tokenTtlSeconds > tokenMaxLifetimeSeconds) {
    throw new Error(
      `invalid configuration: HCMS_TOKEN_TTL_SECONDS (${tokenTtlSeconds}) must not exceed HCMS_TOKEN_MAX_LIFETIME_SECONDS (${tokenMaxLifetimeSeconds})`,
    );
  }
  // A checkpoint's first line, and the signer's name: one line, no spaces (signed notes split on them).
  if (e.HCMS_LOG_ORIGIN !== undefined && !/^[A-Za-z0-9.-]+(\/[A-Za-z0-9._-]+)*$/.test(e.HCMS_LOG_ORIGIN)) {
    throw new Error('invalid configuration: HCMS_LOG_ORIGIN must be a host name, optionally with a path (e.g. hcms.example.org/prod)');
  }
  const dataDir = resolve(e.HCMS_DATA_DIR ?? './data');
  const bus = e.HCMS_BUS ?? 'memory';
  if (bus !== 'memory' && !/^amqps?:\/\//.test(bus)) throw new Error('invalid configuration: HCMS_BUS must be memory or an amqp:// URL');
  return {
    port: e.HCMS_PORT ?? 3000,
    host,
    dataDir,
    jwtSecret,
    identityKeySecret,
    jwtIssuer: e.HCMS_JWT_ISSUER ?? 'hcms',
    jwtAudience: e.HCMS_JWT_AUDIENCE ?? DEFAULT_AUDIENCE,
    tokenTtlSeconds,
    tokenMaxLifetimeSeconds,
    bodyLimitBytes: e.HCMS_BODY_LIMIT_BYTES ?? 256 * 1024,
    logLevel: e.HCMS_LOG_LEVEL ?? 'info',
    readYourWritesTimeoutMs: e.HCMS_READ_YOUR_WRITES_TIMEOUT_MS ?? 2000,
    durability: e.HCMS_DURABILITY === 'normal-may-lose-last-commits-on-power-loss' ? 'normal' : 'full',
    stopWithParent: e.HCMS_STOP_WITH_PARENT === '1',
    production,
    warnings: [...warnings],
    eventStore: e.HCMS_EVENT_STORE ?? join(dataDir, 'events.db'),
    bus,
    busPrefix: e.HCMS_BUS_PREFIX ?? 'hcms',
    readStore: e.HCMS_READ_STORE ?? join(dataDir, 'read-models.db'),
    auditLog: e.HCMS_AUDIT_LOG ?? join(dataDir, 'audit.db'),
    sealLog: e.HCMS_SEAL_LOG ?? join(dataDir, 'seal.db'),
    signingKeyFile: e.HCMS_SIGNING_KEY_FILE ?? join(dataDir, 'keys', 'signing-key.pem'),
    masterKeyFile: e.HCMS_MASTER_KEY_FILE ?? join(dataDir, 'keys', 'master.key'),
    patientKeys: e.HCMS_PATIENT_KEYS ?? join(dataDir, 'patient-keys.db'),
    createKeys: { signing: e.HCMS_SIGNING_KEY_FILE === undefined, master: e.HCMS_MASTER_KEY_FILE === undefined },
    logOrigin: e.HCMS_LOG_ORIGIN ?? 'hcms.local',
    exportDir: e.HCMS_EXPORT_DIR ?? join(dataDir, 'exports'),
    retentionYears: e.HCMS_RETENTION_YEARS ?? 10,
    icd10cmAfterNewest: e.HCMS_ICD10CM_AFTER_NEWEST ?? 'refuse',
    trustedProxies: (e.HCMS_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    emergencyAccessMaxMinutes: e.HCMS_EMERGENCY_ACCESS_MAX_MINUTES ?? 240,
    pollMs: e.HCMS_POLL_MS ?? 20,
    appointments: { holdBoundMs: e.HCMS_HOLD_BOUND_MS ?? 60_000, settleIntervalMs: e.HCMS_HOLD_SETTLE_INTERVAL_MS ?? 1000 },
    laboratory: { mllpHost: e.HCMS_MLLP_HOST ?? host, mllpPort: e.HCMS_MLLP_PORT ?? 2575 },
    billing: billingConfig(e),
    notifications: {
      ...(e.HCMS_SMTP_URL ? { smtpUrl: e.HCMS_SMTP_URL } : {}),
      smtpFrom: e.HCMS_SMTP_FROM ?? 'HCMS <no-reply@hcms.invalid>',
      ...(e.HCMS_SMS_URL ? { smsUrl: e.HCMS_SMS_URL } : {}),
      ...(e.HCMS_SMS_TOKEN ? { smsToken: e.HCMS_SMS_TOKEN } : {}),
      reminderLeadSeconds: e.HCMS_REMINDER_LEAD_SECONDS ?? 24 * 3600,
      deliveryAttempts: e.HCMS_DELIVERY_ATTEMPTS ?? 5,
      retryDelaySeconds: e.HCMS_RETRY_DELAY_SECONDS ?? 30,
      dispatchIntervalMs: e.HCMS_DISPATCH_INTERVAL_MS ?? 500,
      staffDirectory: e.HCMS_STAFF_DIRECTORY ?? join(dataDir, 'staff-directory.json'),
      criticalRepeatSeconds: e.HCMS_CRITICAL_REPEAT_SECONDS ?? 600,
      criticalOnCallAfterRounds: e.HCMS_CRITICAL_ONCALL_AFTER_ROUNDS ?? 2,
    },
    upstreams: {
      ...(e.HCMS_PATIENTS_URL ? { patients: e.HCMS_PATIENTS_URL } : {}),
      ...(e.HCMS_QUERY_URL ? { query: e.HCMS_QUERY_URL } : {}),
      ...(e.HCMS_APPOINTMENTS_URL ? { appointments: e.HCMS_APPOINTMENTS_URL } : {}),
      ...(e.HCMS_NOTIFICATIONS_URL ? { notifications: e.HCMS_NOTIFICATIONS_URL } : {}),
      ...(e.HCMS_CONSULTATIONS_URL ? { consultations: e.HCMS_CONSULTATIONS_URL } : {}),
      ...(e.HCMS_LABORATORY_URL ? { laboratory: e.HCMS_LABORATORY_URL } : {}),
      ...(e.HCMS_BILLING_URL ? { billing: e.HCMS_BILLING_URL } : {}),
      ...(e.HCMS_RELAY_URL ? { relay: e.HCMS_RELAY_URL } : {}),
    },
  };
};
