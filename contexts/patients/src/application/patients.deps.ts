import type { Clock, EventStore, IdGenerator } from '@hcms/shared-kernel';
import type { IdentityKeys } from './identity-key.js';

/** Proposes medical record numbers; uniqueness is enforced by reservation, not by the generator. */
export interface MrnGenerator {
  next(): string;
}

export interface PatientsDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly mrns: MrnGenerator;
  /** Keyed with the configured secret; the development secret when absent (loopback only). */
  readonly identityKeys: IdentityKeys;
}
