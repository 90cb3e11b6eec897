import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { replay } from '@hcms/shared-kernel';
import { accountDecider } from './account.decider.js';
import { AccountEvent } from './account.events.js';
import { modelOf, modelOpen, type ModelInvoice } from './account.model.fixtures.js';
import { creditBalance, openBalance, type AccountState, type Invoice } from './account.state.js';
import { commandOf, steps, type Step } from './account.steps.fixtures.js';

/** Every `amount` anywhere in `x` is a safe integer: money never becomes a float. */
const amountsAreSafeIntegers = (x: unknown, path = ''): void => {
  if (Array.isArray(x)) x.forEach((item, i) => amountsAreSafeIntegers(item, `${path}.${i}`));
  else if (typeof x === 'object' && x !== null)
    for (const [key, value] of Object.entries(x)) {
      if (key === 'amount' && typeof value === 'number') ok(Number.isSafeInteger(value), `${path}.amount is ${value}`);
      amountsAreSafeIntegers(value, `${path}.${key}`);
    }
};

const missing = (id: string): never => {
  throw new Error(`the model has no ${id}`);
};

const holdsAfter = (s: AccountState, events: readonly AccountEvent[]): void => {
  // (a) What was built step by step is what a replay of the stream builds.
  deepStrictEqual(s, replay(accountDecider, events));

  // (b) Every issued invoice owes what the events add up to, never less than nothing; one still
  // being issued has taken no money, whatever came between its start and its number.
  const model = modelOf(events);
  const stateIds = (status: Invoice['status']): string[] =>
    Object.values(s.invoices)
      .filter((inv) => inv.status === status)
      .map((inv) => inv.invoiceId)
      .sort();
  const modelIds = (status: ModelInvoice['status']): string[] =>
    [...model.invoices]
      .filter(([, inv]) => inv.status === status)
      .map(([id]) => id)
      .sort();
  deepStrictEqual(stateIds('issuing'), modelIds('issuing'));
  for (const id of modelIds('issuing')) {
    const m = model.invoices.get(id) ?? missing(id);
    equal(modelOpen(m), m.total, `invoice ${id} took money while being issued`);
    equal(s.invoices[id]?.total.amount, m.total, `total of ${id}`);
  }
  deepStrictEqual(stateIds('issued'), modelIds('issued'));
  const issued = Object.values(s.invoices).filter((inv) => inv.status === 'issued');
  for (const inv of issued) {
    const open = modelOpen(model.invoices.get(inv.invoiceId) ?? missing(inv.invoiceId));
    ok(open >= 0, `invoice ${inv.invoiceId} owes ${open}`);
    equal(openBalance(inv).amount, open, `open balance of ${inv.invoiceId}`);
  }

  // (c) Every payment is allocated, in credit or refunded, to the cent, as the events say.
  for (const p of Object.values(s.payments)) {
    const allocated = p.allocations.reduce((total, a) => total + a.amount.amount, 0);
    equal(p.amount.amount, allocated + p.credit.amount + p.refunded.amount, `payment ${p.paymentId} adds up`);
    ok(p.credit.amount >= 0 && p.refunded.amount >= 0 && p.allocations.every((a) => a.amount.amount > 0), `payment ${p.paymentId}`);
    const m = model.payments.get(p.paymentId) ?? missing(p.paymentId);
    deepStrictEqual(
      {
        credit: p.credit.amount,
        refunded: p.refunded.amount,
        net: Object.fromEntries(p.allocations.map((a) => [a.invoiceId, a.amount.amount])),
      },
      { credit: m.credit, refunded: m.refunded, net: Object.fromEntries([...m.net].filter(([, amount]) => amount !== 0)) },
    );
  }

  // A card payment waiting for confirmation is none of the account's payments.
  for (const id of Object.keys(s.pending)) ok(!s.payments[id] && !model.payments.has(id), `pending payment ${id} counts`);

  // (d) The account's balance: what its invoices owe less its credit.
  const balance = issued.reduce((total, inv) => total + openBalance(inv).amount, 0) - creditBalance(s).amount;
  const modelBalance =
    [...model.invoices.values()].filter((inv) => inv.status === 'issued').reduce((total, inv) => total + modelOpen(inv), 0) -
    [...model.payments.values()].reduce((total, p) => total + p.credit, 0);
  equal(balance, modelBalance, 'account balance');

  // (e) No amount is ever anything but a whole number of minor units.
  amountsAreSafeIntegers(s);
  amountsAreSafeIntegers(events);
};

const run = (xs: readonly Step[]): void => {
  let n = 0;
  const fresh = (prefix: string): string => `${prefix}-${String(++n).padStart(6, '0')}`;
  let s = accountDecider.initialState;
  const events: AccountEvent[] = [];
  for (const x of xs) {
    const decision = accountDecider.decide(commandOf(x, s, fresh), s);
    if (E.isLeft(decision)) continue;
    for (const event of decision.right) {
      // What the decider records, the stream's codec reads back.
      ok(E.isRight(AccountEvent.decode(event)), `${event.type} does not decode: ${JSON.stringify(event.data)}`);
      s = accountDecider.evolve(s, event);
      events.push(event);
    }
    holdsAfter(s, events);
  }
};

describe('Billing account', () => {
  describe('under any sequence of charges, invoices, payments (pending ones too), credit, adjustments, write-offs, refunds and claims', function () {
    // 300 random histories of up to 48 steps, each replayed in full after every step: a few seconds.
    this.timeout(30_000);
    it('keeps every invoice, payment and the balance to the cent', () =>
      fc.assert(
        fc.property(steps, (xs) => run(xs)),
        { numRuns: 300 },
      ));
  });
});
