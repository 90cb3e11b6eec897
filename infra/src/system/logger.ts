import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

/** Structured JSON logs. Never pass patient data: ids and codes only. */
export const createLogger = (level: string, name = 'hcms'): Logger => pino({ name, level, redact: ['authorization', '*.authorization'] });
