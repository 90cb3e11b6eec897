import * as t from 'io-ts';
import * as currencies from 'dinero.js/currencies';
import { add, allocate, compare, dinero, multiply, subtract, toDecimal, toSnapshot, type DineroCurrency, type Dinero } from 'dinero.js';
import { withSchema } from './validation/codec-shape.js';

/**
 * An amount of one currency in integer minor units (cents): what events store and the API
 * speaks. Arithmetic goes through dinero.js, which refuses mixed currencies and never rounds,
 * so no float and no formatted string ever carries money.
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const ISO_4217 = currencies as unknown as Readonly<Record<string, DineroCurrency<number> | undefined>>;
const currencyOf = (code: string): DineroCurrency<number> => {
  const currency = Object.hasOwn(ISO_4217, code) ? ISO_4217[code] : undefined;
  if (currency === undefined) throw new Error(`not an ISO 4217 currency: ${code}`);
  return currency;
};

export const isCurrencyCode = (code: string): boolean => /^[A-Z]{3}$/.test(code) && Object.hasOwn(ISO_4217, code);

export interface CurrencyCodeBrand {
  readonly CurrencyCode: unique symbol;
}
/** An ISO 4217 alphabetic code, e.g. `USD`. */
export const CurrencyCode = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, CurrencyCodeBrand> => isCurrencyCode(s), 'CurrencyCode'),
  { type: 'string', pattern: '^[A-Z]{3}$', description: 'must be an ISO 4217 currency code, e.g. USD' },
);

/** The largest amount an event may carry (minor units): within what a double counts exactly, with room to add. */
export const MAX_MINOR = 99_999_999_999;
const minorUnits = (min: number, description: string) =>
  withSchema(
    t.refinement(t.Int, (n) => n >= min && n <= MAX_MINOR, 'MinorUnits'),
    { type: 'integer', minimum: min, maximum: MAX_MINOR, description },
  );

const moneyCodec = (min: number, description: string, name: string) =>
  t.type({ amount: minorUnits(min, description), currency: CurrencyCode }, name) as unknown as t.Type<Money, Money, unknown>;

/** Zero or more, in minor units. */
export const NonNegativeMoney = moneyCodec(0, 'must be a whole number of minor units (cents), 0 or more', 'NonNegativeMoney');
/** More than zero, in minor units: what a payment, a refund or a charge moves. */
export const PositiveMoney = moneyCodec(1, 'must be a whole number of minor units (cents), more than 0', 'PositiveMoney');

/**
 * Money in one currency only, the installation's: the API document names it, and an amount in
 * any other is refused with the field's path like any bad input.
 */
export const moneyIn = (currency: string, min: 0 | 1): t.Type<Money, Money, unknown> =>
  t.type(
    {
      amount: minorUnits(min, `must be a whole number of minor units (cents), ${min === 0 ? '0 or more' : 'more than 0'}`),
      currency: withSchema(t.literal(currency), {
        type: 'string',
        enum: [currency],
        description: `must be ${currency}, this installation’s currency`,
      }),
    },
    `Money${currency}`,
  ) as unknown as t.Type<Money, Money, unknown>;

const d = (m: Money): Dinero<number> => dinero({ amount: m.amount, currency: currencyOf(m.currency) });
const back = (x: Dinero<number>): Money => {
  const snap = toSnapshot(x);
  return { amount: snap.amount, currency: snap.currency.code };
};

export const money = (amount: number, currency: string): Money => back(dinero({ amount, currency: currencyOf(currency) }));
export const zero = (currency: string): Money => money(0, currency);
export const plus = (a: Money, b: Money): Money => back(add(d(a), d(b)));
export const minus = (a: Money, b: Money): Money => back(subtract(d(a), d(b)));
export const times = (m: Money, factor: number): Money => back(multiply(d(m), factor));
export const sum = (currency: string, amounts: readonly Money[]): Money => amounts.reduce(plus, zero(currency));
export const compareMoney = (a: Money, b: Money): -1 | 0 | 1 => compare(d(a), d(b));
export const lessOf = (a: Money, b: Money): Money => (compareMoney(a, b) <= 0 ? a : b);
export const isZero = (m: Money): boolean => m.amount === 0;
export const isPositive = (m: Money): boolean => m.amount > 0;
export const sameMoney = (a: Money, b: Money): boolean => a.currency === b.currency && a.amount === b.amount;

/** Splits without losing a cent: 100.00 in three is 33.34 + 33.33 + 33.33 (earlier shares take the remainder). */
export const allocateMoney = (m: Money, ratios: readonly number[]): Money[] => allocate(d(m), [...ratios]).map(back);

/** For people (a PDF, a message): the exact decimal, formatted for the locale. Never read back. */
export const formatMoney = (m: Money, locale = 'en-US'): string =>
  toDecimal(d(m), ({ value, currency }) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: currency.code }).format(value as unknown as number),
  );
