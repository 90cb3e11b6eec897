import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

/**
 * Fields that carry what a client sent (search terms, cursors, bodies) or credentials: censored
 * wherever a log call passes them, one level deep, in case a caller forgets the rule below.
 */
const REDACTED = ['authorization', 'query', 'body', 'cursor', 'url', 'source'].flatMap((f) => [f, `*.${f}`]);

/**
 * An error as logs keep it: its kind, message and code. Drivers hang what they were sending on
 * their errors (a document, a query); none of that is written.
 */
const errorOnly = (err: unknown) =>
  err instanceof Error || (typeof err === 'object' && err !== null)
    ? {
        type: (err as Error).name,
        message: (err as Error).message,
        ...(typeof (err as { code?: unknown }).code === 'string' || typeof (err as { code?: unknown }).code === 'number'
          ? { code: (err as { code: string | number }).code }
          : {}),
      }
    : { message: String(err) };

/**
 * Structured JSON logs. Never pass patient data: ids and codes only. Lines are written in the
 * background, at least every quarter second and at exit: a write per line cost a busy service a
 * tenth of its CPU. A process killed outright may lose its last quarter second of lines.
 */
export const createLogger = (level: string, name = 'hcms'): Logger =>
  pino(
    { name, level, redact: REDACTED, serializers: { err: errorOnly } },
    level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }),
  );
