import { createHmac } from 'node:crypto';
import { searchKey } from '@hcms/shared-kernel';
import type { Demographics } from '../domain/patient/patient.values.js';

/** Public, so usable only where configuration allows it: on a platform bound to loopback. */
export const DEV_IDENTITY_KEY_SECRET = 'hcms-development-identity-key-change-me-01234';

export interface IdentityKeys {
  /** The stream-name key of a person: the same for the same name and date of birth, in any case. */
  readonly keyOf: (d: Pick<Demographics, 'givenName' | 'familyName' | 'dateOfBirth'>) => string;
  /** Names the secret without revealing it: the index is rebuilt once per secret. */
  readonly fingerprint: string;
}

/**
 * A keyed digest (HMAC-SHA-256) of name and date of birth, used as a stream name: registration
 * finds possible duplicates without writing the identifying values into a stream id, and
 * without a plain hash anyone could reverse by hashing a list of names and birth dates.
 */
export const identityKeys = (secret: string): IdentityKeys => {
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest('base64url');
  return {
    keyOf: (d) => mac(`hcms/identity/v2\u0000${searchKey(d.familyName)}\u0000${searchKey(d.givenName)}\u0000${d.dateOfBirth}`),
    fingerprint: mac('hcms/identity/fingerprint').slice(0, 16),
  };
};
