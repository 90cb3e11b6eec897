import type { DomainError } from '@hcms/shared-kernel';

export type ParkedResultErrorCode = 'PARKED_RESULTS_NOT_FOUND' | 'PARKED_RESULTS_RESOLVED';

export type ParkedResultError = DomainError<ParkedResultErrorCode>;
