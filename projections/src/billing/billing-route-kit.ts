import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Uuid, type DomainError, type EventStore, type Role, type RouteResponse, type Versioned } from '@hcms/shared-kernel';
import { readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { accountAt } from './billing-log.js';
import { accountOf } from './billing.query.js';
import { ACCOUNTS } from './document-answer.js';

export const BILLING_TAGS = ['billing'];
/** Who reads accounts, invoices, reports and the fee schedule. Clinicians never see amounts. */
export const BILLING_STAFF: readonly Role[] = ['billing-clerk', 'admin', 'auditor'];
/** A patient reads their own account (the host confines them to it by `patientOf`). */
export const STAFF_AND_PATIENT: readonly Role[] = [...BILLING_STAFF, 'patient'];

export const PatientParams = t.type({ patientId: Uuid });

export interface AccountRead {
  readonly found: Versioned<BillingAccountDoc>;
  /** The position the accounts' read model had applied. */
  readonly position: number;
}

/** A patient's account once its read model has applied `minPosition` (as far as that patient goes). */
export const readAccount =
  (deps: ReadModelDeps) =>
  async (patientId: string, minPosition: number | undefined): Promise<E.Either<DomainError, AccountRead>> => {
    const ready = await readYourWrites(deps, ACCOUNTS, minPosition, { patientId });
    return E.isLeft(ready) ? ready : E.right({ position: ready.right, found: await accountOf(deps, patientId, ready.right) });
  };

/** A route's answer from one account: its body, and the position and version an audit entry keeps to reproduce it. */
export const accountAnswer = ({ found, position }: AccountRead, body: unknown): RouteResponse => ({
  body,
  positions: { [ACCOUNTS]: position },
  versions: { [found.doc.patientId]: found.version },
});

/** The account an audit entry recorded, folded from the log to the version shown. */
export const recordedAccount =
  (store: Pick<EventStore, 'readStream'>) =>
  (patientId: string, versions: Readonly<Record<string, number>>): Promise<BillingAccountDoc | undefined> =>
    accountAt(store, patientId, versions[patientId] ?? 0);
