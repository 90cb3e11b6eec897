import { v7 } from 'uuid';
import type { IdGenerator } from '@hcms/shared-kernel';

/** Time-ordered ids: index-friendly, and sortable by creation in logs and exports. */
export const uuidV7Generator: IdGenerator = { next: () => v7() };
