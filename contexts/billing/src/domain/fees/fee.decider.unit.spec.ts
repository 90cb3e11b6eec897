import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { replay, type IsoDate, type IsoDateTime, type Money } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import { feeDecider, type SetFee } from './fee.decider.js';
import type { FeeEvent } from './fee.events.js';
import { priceOn } from './fee.state.js';

const given = specFor(feeDecider);
const AT = '2026-01-05T08:00:00.000Z' as IsoDateTime;
const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const setFee = (effectiveFrom: string, price: Money, description = 'Office visit, established patient'): SetFee => ({
  type: 'SetFee',
  code: '99213',
  description,
  price,
  effectiveFrom: effectiveFrom as IsoDate,
  actorId: 'billing-manager',
  at: AT,
});
const feeSet = (effectiveFrom: string, price: Money, description = 'Office visit, established patient'): FeeEvent => ({
  type: 'FeeSet',
  data: { code: '99213', description, price, effectiveFrom: effectiveFrom as IsoDate, by: 'billing-manager', at: AT },
});
const prices = (history: readonly FeeEvent[]) =>
  replay(feeDecider, history).prices.map((p) => [p.effectiveFrom, p.price.amount, p.description] as const);

const schedule = [feeSet('2026-01-01', usd(12000)), feeSet('2026-07-01', usd(13000))];

describe('Fee schedule', () => {
  describe('when a price is set', () => {
    it('records it from its date on', () =>
      given([])
        .when(setFee('2026-01-01', usd(12000)))
        .then([feeSet('2026-01-01', usd(12000))]));
    it('adds a price from a later date to the ones before', () =>
      expect(prices(schedule)).to.deep.equal([
        ['2026-01-01', 12000, 'Office visit, established patient'],
        ['2026-07-01', 13000, 'Office visit, established patient'],
      ]));
    it('keeps the prices in date order whatever order they were set in', () =>
      expect(prices([feeSet('2026-07-01', usd(13000)), feeSet('2026-01-01', usd(12000))]).map(([date]) => date)).to.deep.equal([
        '2026-01-01',
        '2026-07-01',
      ]));
    it('replaces the price set for the same date', () =>
      expect(prices([...schedule, feeSet('2026-07-01', usd(12500))])).to.deep.equal([
        ['2026-01-01', 12000, 'Office visit, established patient'],
        ['2026-07-01', 12500, 'Office visit, established patient'],
      ]));
    it('records nothing when the same price is set again for the same date', () =>
      given(schedule)
        .when(setFee('2026-07-01', usd(13000)))
        .then([]));
    it('records a new description for the same date and price', () =>
      given(schedule)
        .when(setFee('2026-07-01', usd(13000), 'Office visit, 20 minutes'))
        .then([feeSet('2026-07-01', usd(13000), 'Office visit, 20 minutes')]));
    it('records the same price from another date', () =>
      given(schedule)
        .when(setFee('2027-01-01', usd(13000)))
        .then([feeSet('2027-01-01', usd(13000))]));
    it('refuses a price in another currency with 422 CURRENCY_MISMATCH naming the field', () => {
      const result = given(schedule).when(setFee('2027-01-01', { amount: 13000, currency: 'EUR' })).result;
      expect(E.isLeft(result) && result.left).to.deep.include({
        kind: 'invariant',
        code: 'CURRENCY_MISMATCH',
        problems: [{ path: 'body.price.currency', rule: 'must be USD' }],
      });
    });
  });

  describe('the price in force on a date', () => {
    const state = replay(feeDecider, schedule);
    it('is none before the first price takes effect', () => expect(priceOn(state, '2025-12-31')).to.equal(undefined));
    it('is the price that takes effect that day', () => expect(priceOn(state, '2026-07-01')?.price).to.deep.equal(usd(13000)));
    it('is the latest that took effect before it', () => expect(priceOn(state, '2026-06-30')?.price).to.deep.equal(usd(12000)));
    it('is the latest of all after the last date', () => expect(priceOn(state, '2030-01-01')?.price).to.deep.equal(usd(13000)));
    it('is the replacement when a date’s price was replaced', () =>
      expect(priceOn(replay(feeDecider, [...schedule, feeSet('2026-01-01', usd(11000))]), '2026-03-01')?.price).to.deep.equal(usd(11000)));
  });
});
