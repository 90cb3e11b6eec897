import type { Clock, EventStore, IdGenerator, Units } from '@hcms/shared-kernel';
import type { Subject } from '../domain/order/lab-order.commands.js';

export type { Units } from '@hcms/shared-kernel';

/** Whether a patient may have tests ordered, and what their ranges need; 'behind' while the read model catches up. */
export type PatientFacts =
  | { readonly standing: 'active' | 'inactive' | 'deceased'; readonly subject: Subject; readonly mrn: string }
  | { readonly standing: 'unknown' | 'erased' }
  | 'behind';

/** What this context knows of patients and of its own orders, from read models. */
export interface LabReferences {
  patient(patientId: string): Promise<PatientFacts>;
  /** The order whose current specimen has this accession number; 'behind' when the read model lags the log. */
  orderOfAccession(accessionNumber: string): Promise<{ readonly labOrderId: string; readonly patientId: string } | undefined | 'behind'>;
  /** Every lab order of the patient. */
  ordersOf(patientId: string): Promise<readonly string[]>;
}

export interface LaboratoryDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly units: Units;
  readonly references: LabReferences;
  /** A new accession number for a specimen's label (unique across the laboratory). */
  readonly accessionNumber: () => string;
  /** A name-based id: the same parts always give the same id (an order placed again on redelivery). */
  readonly derivedId: (...parts: readonly string[]) => string;
}
