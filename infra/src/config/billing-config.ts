import * as t from 'io-ts';
import { IANAZone } from 'luxon';
import { IntFromQuery, isCurrencyCode, type CurrencyCode } from '@hcms/shared-kernel';

export interface BillingConfig {
  /** The installation's one currency (ISO 4217): every amount on every account is in it. */
  readonly currency: t.TypeOf<typeof CurrencyCode>;
  /** Days from an invoice's issue to its due date. */
  readonly paymentTermsDays: number;
  /** The clinic's IANA time zone: which day a payment, an issue or a specimen counts on. */
  readonly timeZone: string;
  /** Who issues invoices and statements, printed at their head. */
  readonly clinic: {
    readonly name: string;
    readonly address: readonly string[];
    readonly phone?: string;
    readonly email?: string;
    readonly taxId?: string;
  };
}

export const BillingEnv = t.partial({
  HCMS_CURRENCY: t.string,
  HCMS_PAYMENT_TERMS_DAYS: IntFromQuery(0, 365),
  HCMS_CLINIC_TIME_ZONE: t.string,
  HCMS_CLINIC_NAME: t.string,
  HCMS_CLINIC_ADDRESS: t.string,
  HCMS_CLINIC_PHONE: t.string,
  HCMS_CLINIC_EMAIL: t.string,
  HCMS_CLINIC_TAX_ID: t.string,
});

// Amounts are stored in minor units of this currency: a typo would be discovered only once money was recorded in it.
const currencyOf = (code: string): t.TypeOf<typeof CurrencyCode> => {
  if (!isCurrencyCode(code))
    throw new Error(`invalid configuration: HCMS_CURRENCY must be an ISO 4217 currency code such as USD or EUR, not "${code}"`);
  return code as t.TypeOf<typeof CurrencyCode>;
};

const timeZoneOf = (zone: string): string => {
  if (!IANAZone.isValidZone(zone))
    throw new Error(`invalid configuration: HCMS_CLINIC_TIME_ZONE must be an IANA time zone such as Europe/Paris or UTC, not "${zone}"`);
  return zone;
};

/** Billing's settings from the (decoded) environment; a currency or time zone that does not exist stops the start. */
export const billingConfig = (e: t.TypeOf<typeof BillingEnv>): BillingConfig => ({
  currency: currencyOf(e.HCMS_CURRENCY ?? 'USD'),
  paymentTermsDays: e.HCMS_PAYMENT_TERMS_DAYS ?? 30,
  timeZone: timeZoneOf(e.HCMS_CLINIC_TIME_ZONE ?? 'UTC'),
  clinic: {
    name: e.HCMS_CLINIC_NAME ?? 'HCMS Clinic',
    address: (e.HCMS_CLINIC_ADDRESS ?? '')
      .split('|')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    ...(e.HCMS_CLINIC_PHONE ? { phone: e.HCMS_CLINIC_PHONE } : {}),
    ...(e.HCMS_CLINIC_EMAIL ? { email: e.HCMS_CLINIC_EMAIL } : {}),
    ...(e.HCMS_CLINIC_TAX_ID ? { taxId: e.HCMS_CLINIC_TAX_ID } : {}),
  },
});
