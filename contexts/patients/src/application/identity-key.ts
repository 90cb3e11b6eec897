import { createHash } from 'node:crypto';
import { searchKey } from '@hcms/shared-kernel';
import type { Demographics } from '../domain/patient/patient.values.js';

/**
 * A digest of name and date of birth, used as a stream name: it lets registration find
 * possible duplicates without ever writing the identifying values into a stream id.
 */
export const identityKeyOf = (d: Pick<Demographics, 'givenName' | 'familyName' | 'dateOfBirth'>): string =>
  createHash('sha256')
    .update(`hcms/identity/v1\u0000${searchKey(d.familyName)}\u0000${searchKey(d.givenName)}\u0000${d.dateOfBirth}`)
    .digest('base64url');
