import type { DomainError, DomainErrorKind, Problem } from '@hcms/shared-kernel';

/** The one table from error kinds to HTTP statuses. */
export const STATUS_OF: Record<DomainErrorKind, number> = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  gone: 410,
  conflict: 409,
  invariant: 422,
  unavailable: 503,
};

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly problems?: readonly Problem[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly requestId: string;
}

export const errorBody = (error: Pick<DomainError, 'code' | 'message' | 'problems' | 'details'>, requestId: string): ErrorBody => ({
  error: error.code,
  message: error.message,
  ...(error.problems ? { problems: error.problems } : {}),
  ...(error.details ? { details: error.details } : {}),
  requestId,
});

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message', 'requestId'],
  properties: {
    error: { type: 'string', description: 'stable machine-readable code' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, rule: { type: 'string' } } },
    },
    details: { type: 'object', additionalProperties: true },
    requestId: { type: 'string' },
  },
};
