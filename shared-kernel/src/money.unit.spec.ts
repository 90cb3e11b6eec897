import { deepStrictEqual, equal, throws } from 'node:assert/strict';
import { allocateMoney, compareMoney, formatMoney, minus, money, plus, sum, times, type Money } from './money.js';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const total = (parts: readonly Money[]): number => parts.reduce((n, m) => n + m.amount, 0);

describe('Money', () => {
  describe('allocated in shares', () => {
    it('splits $100.00 in three as $33.34 + $33.33 + $33.33', () =>
      deepStrictEqual(allocateMoney(usd(10000), [1, 1, 1]), [usd(3334), usd(3333), usd(3333)]));
    it('follows the ratios', () => deepStrictEqual(allocateMoney(usd(1000), [70, 30]), [usd(700), usd(300)]));
    it('never loses or makes a cent', () => {
      for (const [amount, ratios] of [
        [1, [1, 1]],
        [99_999, [3, 3, 3, 1]],
        [10_001, [1, 2, 3, 4, 5, 6, 7]],
      ] as const)
        equal(total(allocateMoney(usd(amount), ratios)), amount);
    });
    it('gives a share of 0 where there is nothing left to give', () => deepStrictEqual(allocateMoney(usd(1), [1, 1]), [usd(1), usd(0)]));
  });

  describe('in arithmetic', () => {
    it('adds, subtracts and multiplies in minor units', () => {
      deepStrictEqual(plus(usd(1050), usd(250)), usd(1300));
      deepStrictEqual(minus(usd(1050), usd(250)), usd(800));
      deepStrictEqual(times(usd(333), 3), usd(999));
      deepStrictEqual(sum('USD', [usd(1), usd(2), usd(3)]), usd(6));
      deepStrictEqual(sum('USD', []), usd(0));
    });
    it('refuses to add, subtract or compare two currencies', () => {
      throws(() => plus(usd(100), eur(100)));
      throws(() => minus(usd(100), eur(100)));
      throws(() => compareMoney(usd(100), eur(100)));
    });
    it('refuses a fraction of a minor unit', () => throws(() => times(usd(333), 0.5)));
    it('refuses a code that is not an ISO 4217 currency', () => throws(() => money(100, 'XXQ'), /not an ISO 4217 currency/));
  });

  describe('formatted for people', () => {
    it('shows dollars and cents', () => equal(formatMoney(usd(15000)), '$150.00'));
    it('groups thousands', () => equal(formatMoney(usd(123_456_789)), '$1,234,567.89'));
    it('keeps leading zero cents', () => equal(formatMoney(usd(5)), '$0.05'));
    it('follows the currency’s minor unit: yen have none', () => equal(formatMoney({ amount: 1500, currency: 'JPY' }), '¥1,500'));
    it('follows the currency’s minor unit: dinars have three', () =>
      equal(formatMoney({ amount: 1234, currency: 'KWD' }).replace(/\s/gu, ' '), 'KWD 1.234'));
    it('follows the locale', () =>
      equal(formatMoney(eur(123_456), 'de-DE'), new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.56)));
  });
});
