import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

/**
 * Fields that carry what a client sent (search terms, cursors, bodies) or credentials: censored
 * wherever a log call passes them, one level deep, in case a caller forgets the rule below.
 */
const REDACTED = ['authorization', 'query', 'body', 'cursor', 'url', 'source'].flatMap((f) => [f, `*.${f}`]);

/** Structured JSON logs. Never pass patient data: ids and codes only. */
export const createLogger = (level: string, name = 'hcms'): Logger => pino({ name, level, redact: REDACTED });
