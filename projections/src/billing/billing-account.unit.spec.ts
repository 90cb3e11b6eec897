import { expect } from 'chai';
import { toDomainEvent, type StoredEvent } from '@hcms/shared-kernel';
import { accountEvents, creditBalance, emptyAccount, foldAccount, openBalance } from '@hcms/billing/contract';
import { fold } from '../encounters/encounter.fixtures.js';
import { creditAsOf, END_OF_TIME, invoiceAsOf } from './as-of.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { billingAccountProjection } from './billing-account.projection.js';
import { billingInvoiceProjection } from './billing-invoice.projection.js';
import { accountLog, id, invoiced, paid, PATIENT, quarter, usd, voided } from './billing.fixtures.js';

const folded = (events: readonly StoredEvent[], viaStore = false): BillingAccountDoc => {
  const doc = fold(billingAccountProjection, events, viaStore);
  if (!doc) throw new Error('no account');
  return doc;
};
const log = accountLog(PATIENT, quarter);
const doc = folded(log);
const upTo = (n: number) => folded(log.slice(0, n));

describe("A patient's account as Billing's read side holds it", () => {
  describe('its balances', () => {
    it("are the account's own fold of its events", () => {
      const direct = log.map((e) => toDomainEvent(accountEvents, e)).reduce(foldAccount, emptyAccount);
      expect(doc.account).to.deep.equal(direct);
      expect(creditBalance(doc.account)).to.deep.equal(usd(3_000));
      expect([id('inv', 1), id('inv', 2)].map((i) => doc.account.invoices[i] && openBalance(doc.account.invoices[i]))).to.deep.equal([
        usd(0),
        usd(0),
      ]);
    });

    it('add up, from the dated movements, to what the fold says once every movement is in', () => {
      for (let n = 1; n <= log.length; n++) {
        const { account, history } = upTo(n);
        for (const [invoiceId, h] of Object.entries(history.invoices)) {
          const inv = account.invoices[invoiceId];
          if (inv) expect(invoiceAsOf(inv, h, END_OF_TIME)?.open, `after ${n} events`).to.deep.equal(openBalance(inv));
        }
        expect(creditAsOf(history, 'USD', END_OF_TIME), `after ${n} events`).to.deep.equal(creditBalance(account));
      }
    });

    it('are what they were at the end of a day when later movements are ignored', () => {
      const { account, history } = doc;
      const second = (day: string) => {
        const [inv, h] = [account.invoices[id('inv', 2)], history.invoices[id('inv', 2)]];
        return inv && h && invoiceAsOf(inv, h, day);
      };
      expect(second('2026-01-31')).to.equal(undefined);
      expect(second('2026-03-01')).to.deep.include({ status: 'partially-paid', open: usd(4_000) });
      expect(second('2026-03-05')?.open).to.deep.equal(usd(7_000));
      expect(second('2026-03-06')).to.deep.include({ open: usd(5_000), billed: usd(10_000) });
      expect(second('2026-03-07')?.open).to.deep.equal(usd(4_000));
      expect(second('2026-03-08')?.open).to.deep.equal(usd(5_000));
      expect(second('2026-03-10')).to.deep.include({ status: 'paid', open: usd(0) });
      expect(['2026-03-09', '2026-03-10', '2026-03-11'].map((day) => creditAsOf(history, 'USD', day))).to.deep.equal([
        usd(0),
        usd(2_000),
        usd(3_000),
      ]);
    });
  });

  describe('duplicates and replays', () => {
    it('change nothing: an event at or below the version folded in is dropped', () => {
      const twice = log.flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));
      expect(folded(twice)).to.deep.equal(doc);
      expect(folded([...log, ...log.slice(2)])).to.deep.equal(doc);
    });

    it('give the same document when read back from a store that reorders keys between events', () => {
      expect(folded(log, true)).to.deep.equal(doc);
    });
  });

  describe('its indexes', () => {
    it('say until when an invoice was open and when money last moved', () => {
      expect(upTo(5)).to.deep.include({ openUntil: END_OF_TIME, lastMoneyOn: '2026-01-10' });
      expect(doc).to.deep.include({ openUntil: '2026-03-10', lastMoneyOn: '2026-03-11' });
    });

    it('know no open invoice on an account that paid on the day it was issued, nor on a voided one', () => {
      const sameDay = folded(
        accountLog(PATIENT, [
          ...invoiced(1, 5_000, '2026-04-01', '2026-05-01'),
          paid(id('pay', 1), 'cash', 5_000, '2026-04-01', [[id('inv', 1), 5_000]]),
        ]),
      );
      expect(sameDay.openUntil).to.equal('');
      const voidedDoc = folded(
        accountLog(PATIENT, [...invoiced(1, 5_000, '2026-04-01', '2026-05-01'), voided(id('inv', 1), id('inv', 9), '2026-04-03')]),
      );
      expect(voidedDoc.openUntil).to.equal('2026-04-03');
    });
  });

  describe('its documents', () => {
    it('keep none of the words people wrote: reasons, notes and payment references are personal data the log forgets', () => {
      const text = JSON.stringify(doc);
      for (const written of ['Overpaid', 'Courtesy', 'Not worth', 'receipt 12', 'bounced', 'offered']) expect(text).not.to.include(written);
    });
  });
});

describe('The invoices found by id', () => {
  it('hold, for each issued invoice, its patient and number, from its issue alone', () => {
    const entries = log.filter((e) => billingInvoiceProjection.documentOf(e) !== undefined);
    expect(entries.map((e) => billingInvoiceProjection.documentOf(e))).to.deep.equal([id('inv', 1), id('inv', 2)]);
    const second = entries[1];
    if (!second) throw new Error('no second invoice');
    // The runner folds the account's events before the issue first: the last issue is the one.
    const throughGap = log.filter((e) => e.version <= second.version).reduce(billingInvoiceProjection.evolve, null);
    expect(throughGap).to.deep.equal(billingInvoiceProjection.evolve(null, second));
    expect(throughGap).to.deep.equal({
      invoiceId: id('inv', 2),
      patientId: PATIENT,
      number: '2026-000002',
      issuedOn: '2026-02-01',
      dueOn: '2026-03-03',
    });
  });
});
