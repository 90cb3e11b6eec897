import { toDomainEvent } from '@hcms/shared-kernel';
import { accountEvents, accountStream, emptyAccount, foldAccount, type AccountEvent, type AccountState } from '@hcms/billing/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';
import { evolveHistory, noHistory } from './account-history.js';
import { closedFrom, END_OF_TIME } from './as-of.js';
import type { AccountHistory, BillingAccountDoc } from './billing-account.doc.js';

const ACCOUNT_PREFIX = accountStream('');

/** When the account was last open, and last moved money: what its indexes find it by. */
const horizons = (account: AccountState, history: AccountHistory): Pick<BillingAccountDoc, 'openUntil' | 'lastMoneyOn'> => {
  const closings = Object.entries(history.invoices).flatMap(([id, h]) => {
    const inv = account.invoices[id];
    return inv ? [closedFrom(inv, h)] : [];
  });
  const money = [
    ...Object.values(history.payments).map((p) => p.on),
    ...Object.values(history.refunds).flatMap((r) => [r.on, ...(r.reversedOn === undefined ? [] : [r.reversedOn])]),
  ];
  const latest = (days: readonly string[]) => days.reduce((a, b) => (b > a ? b : a), '');
  return { openUntil: closings.includes(END_OF_TIME) ? END_OF_TIME : latest(closings), lastMoneyOn: latest(money) };
};

export const emptyAccountDoc = (patientId: string): BillingAccountDoc => ({
  patientId,
  version: 0,
  account: emptyAccount,
  history: noHistory,
  openUntil: '',
  lastMoneyOn: '',
});

/**
 * The account after the event at `version` of its stream. The account's own fold is not
 * idempotent (a payment applied twice would count twice), so the version guards it here too:
 * an event at or below the version folded in changes nothing.
 */
export const evolveBillingAccount = (
  doc: BillingAccountDoc | null,
  patientId: string,
  version: number,
  e: AccountEvent,
): BillingAccountDoc => {
  const before = doc ?? emptyAccountDoc(patientId);
  if (version <= before.version) return before;
  const account = foldAccount(before.account, e);
  const history = evolveHistory(before.history, before.account, e);
  return { patientId, version, account, history, ...horizons(account, history) };
};

export const billingAccountProjection: Projection<BillingAccountDoc> = {
  name: 'billing-accounts',
  indexes: [
    // The aging report as of a day reads the accounts with an invoice open after it; the day's
    // takings, those that moved money since. The rest (settled long ago) are not read.
    { fields: ['openUntil'] },
    { fields: ['lastMoneyOn'] },
  ],
  documentOf: documentPerStream(ACCOUNT_PREFIX),
  evolve: (doc, event) =>
    evolveBillingAccount(doc, event.streamId.slice(ACCOUNT_PREFIX.length), event.version, toDomainEvent(accountEvents, event)),
};
