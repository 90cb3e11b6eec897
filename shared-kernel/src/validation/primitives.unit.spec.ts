import { deepStrictEqual, equal } from 'node:assert/strict';
import { IsoDate, IsoDateTime } from './primitives.js';
import { decode } from './decode.js';

describe('IsoDateTime', () => {
  describe('accepts an instant whose every field exists', () => {
    for (const s of [
      '2030-02-28T10:00:00Z',
      '2028-02-29T23:59:59.999Z',
      '2030-06-30T10:00:00.123456+05:30',
      '2030-01-01T10:00:00+18:00',
      '2030-01-01T10:00:00-12:00',
      '2030-01-01T00:00:00+14:00',
    ]) {
      it(s, () => equal(IsoDateTime.is(s), true));
    }
  });

  describe('refuses an impossible or malformed one', () => {
    for (const s of [
      '2030-02-31T10:00:00Z',
      '2029-02-29T10:00:00Z',
      '2030-13-01T10:00:00Z',
      '2030-00-10T10:00:00Z',
      '2030-01-01T24:00:00Z',
      '2030-01-01T24:61:00Z',
      '2030-01-01T10:60:00Z',
      '2030-01-01T10:00:60Z',
      '2030-01-01T10:00:00+19:00',
      '2030-01-01T10:00:00+18:44',
      '2030-01-01T00:00Z',
      '0000-01-01T00:00:00Z',
      '2030-01-01T10:00:00+05:60',
      '2030-01-01T10:00:00',
      '2030-01-01 10:00:00Z',
      '9999-12-31T23:00:00-05:00',
      '',
    ]) {
      it(JSON.stringify(s), () => equal(IsoDateTime.is(s), false));
    }
  });

  it('names the field and the rule when decoding a request', () => {
    const result = decode(IsoDateTime, '2030-02-31T10:00:00Z', 'body.start');
    deepStrictEqual(result._tag === 'Left' && result.left.problems?.map((p) => p.path), ['body.start']);
    equal(result._tag === 'Left' && /date-time/.test(result.left.problems?.[0]?.rule ?? ''), true);
  });
});

describe('IsoDate', () => {
  it('accepts 29 February of a leap year', () => equal(IsoDate.is('2028-02-29'), true));
  for (const s of ['2030-02-31', '2029-02-29', '2030-04-31', '2030-1-01', '2030-01-01T00:00:00Z']) {
    it(`refuses ${s}`, () => equal(IsoDate.is(s), false));
  }
});
