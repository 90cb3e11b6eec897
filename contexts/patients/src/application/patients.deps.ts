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
  /** How long a record is kept after its last change before it may be erased. */
  readonly retention: { readonly years: number };
  /** The patients' data keys: erasing a patient destroys theirs. */
  readonly keys: PatientDataKeys;
}

/** Destroys a patient's data key for good (idempotent). */
export interface PatientDataKeys {
  destroy(patientId: string, at: string): void;
}
