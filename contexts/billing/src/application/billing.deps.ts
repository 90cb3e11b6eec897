import type * as t from 'io-ts';
import type { CurrencyCode } from '@hcms/shared-kernel';
import type { Clock, EventStore, IdGenerator, IsoDate } from '@hcms/shared-kernel';
import type { InvoiceNumbers } from './invoice-register.js';

export interface BillingDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** The installation's currency (ISO 4217): every amount on every account is in it. */
  readonly currency: t.TypeOf<typeof CurrencyCode>;
  /** Days from an invoice's issue to its due date. */
  readonly paymentTermsDays: number;
  /** The clinic's business day now (its own time zone): what money movements count on. */
  readonly today: () => IsoDate;
  /** The clinic's day of an instant (a specimen's collection). */
  readonly dateOf: (instant: string) => IsoDate;
  /** A name-based id: the same parts always give the same id (a retried payment, a redelivered charge). */
  readonly derivedId: (...parts: readonly string[]) => string;
  readonly invoiceNumbers: InvoiceNumbers;
  /** Whether Patients registered this patient; 'behind' while the read model catches up. */
  readonly patientExists: (patientId: string) => Promise<boolean | 'behind'>;
}
