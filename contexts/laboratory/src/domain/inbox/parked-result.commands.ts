import type { ParkedResultEvent } from './parked-result.events.js';

type ParkedData = Extract<ParkedResultEvent, { type: 'ResultsParked' }>['data'];

/** Every command carries who and when, stamped by the handler. */
interface Base {
  readonly at: string;
  readonly actorId: string;
}

export type ParkedResultCommand =
  | (Base & { readonly type: 'ParkResults' } & ParkedData)
  /** The order the results belong to, found by a technician; the results are entered there under its rules. */
  | (Base & { readonly type: 'AssignParkedResults'; readonly labOrderId: string; readonly patientId: string })
  /** The order refused the results assigned to it (once per assignment). */
  | (Base & { readonly type: 'ReturnParkedResults'; readonly labOrderId: string; readonly reason: string })
  | (Base & { readonly type: 'DiscardParkedResults'; readonly reason: string });

export type ParkedResultCommandOf<T extends ParkedResultCommand['type']> = Extract<ParkedResultCommand, { type: T }>;
