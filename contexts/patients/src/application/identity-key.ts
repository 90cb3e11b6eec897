import { createHash } from 'node:crypto';
import type { Demographics } from '../domain/patient/patient.values.js';

const normalise = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A digest of name and date of birth, used as a stream name: it lets registration find
 * possible duplicates without ever writing the identifying values into a stream id.
 */
export const identityKeyOf = (d: Pick<Demographics, 'givenName' | 'familyName' | 'dateOfBirth'>): string =>
  createHash('sha256')
    .update(`hcms/identity/v1\u0000${normalise(d.familyName)}\u0000${normalise(d.givenName)}\u0000${d.dateOfBirth}`)
    .digest('base64url');
