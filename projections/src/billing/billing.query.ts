import { everyMatch, type Versioned } from '@hcms/shared-kernel';
import { readById, type ReadModelDeps } from '../read-model-deps.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { billingAccountProjection, emptyAccountDoc } from './billing-account.projection.js';
import { END_OF_TIME } from './as-of.js';

/** A patient's account; one nothing was recorded on yet is empty, at version 0. */
export const accountOf = async (deps: ReadModelDeps, patientId: string, position: number): Promise<Versioned<BillingAccountDoc>> =>
  (await readById<BillingAccountDoc>(deps, billingAccountProjection, patientId, position)) ?? {
    id: patientId,
    version: 0,
    doc: emptyAccountDoc(patientId),
  };

/** The accounts whose `field` (a day) is after `day` (or on it): a range of the field's index, closed by the last day there is. */
const accountsWith = async (deps: ReadModelDeps, field: 'openUntil' | 'lastMoneyOn', op: 'gt' | 'gte', day: string) =>
  everyMatch(await deps.collections.of<BillingAccountDoc>(billingAccountProjection), [
    { field, op, value: day },
    { field, op: 'lte', value: END_OF_TIME },
  ]);

/** The accounts with an invoice still open after `day` (or open again since): those an aging report as of it may list. */
export const accountsOpenAfter = (deps: ReadModelDeps, day: string): Promise<Versioned<BillingAccountDoc>[]> =>
  accountsWith(deps, 'openUntil', 'gt', day);

/** The accounts that moved money on `day` or later: those whose takings that day may count. */
export const accountsMovedSince = (deps: ReadModelDeps, day: string): Promise<Versioned<BillingAccountDoc>[]> =>
  accountsWith(deps, 'lastMoneyOn', 'gte', day);
