import type { DomainError } from '@hcms/shared-kernel';

/** A definition that does not hold together: 422, with a problem per offending field. */
export type CatalogueErrorCode = 'INVALID_DEFINITION';

export type CatalogueError = DomainError<CatalogueErrorCode>;
