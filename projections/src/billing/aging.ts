import { dayNumber, isPositive, plus, sum, zero, type Money } from '@hcms/shared-kernel';
import { invoiceAsOf } from './as-of.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { compare } from './ordering.js';

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past due at the end of a day: not yet due, and up to 30 days past it, are current. */
export const bucketOf = (daysPastDue: number): AgingBucket =>
  daysPastDue <= 30 ? '0-30' : daysPastDue <= 60 ? '31-60' : daysPastDue <= 90 ? '61-90' : '90+';

export interface AgedInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  /** Negative while not yet due. */
  readonly daysPastDue: number;
  readonly bucket: AgingBucket;
  readonly open: Money;
}

/** An account's invoices issued on or before `asOf` and still owing something at the end of that day. */
export const agedInvoices = (doc: BillingAccountDoc, asOf: string): AgedInvoice[] =>
  Object.entries(doc.history.invoices)
    .flatMap(([invoiceId, h]) => {
      const inv = doc.account.invoices[invoiceId];
      const then = inv && invoiceAsOf(inv, h, asOf);
      if (!inv?.number || !then || !isPositive(then.open)) return [];
      const daysPastDue = dayNumber(asOf) - dayNumber(h.dueOn);
      return [
        {
          invoiceId,
          number: inv.number,
          issuedOn: h.issuedOn,
          dueOn: h.dueOn,
          daysPastDue,
          bucket: bucketOf(daysPastDue),
          open: then.open,
        },
      ];
    })
    .sort((a, b) => compare(a.number, b.number));

const byBucket = (currency: string, invoices: readonly AgedInvoice[]): Record<AgingBucket, Money> =>
  Object.fromEntries(
    AGING_BUCKETS.map((bucket) => [
      bucket,
      sum(
        currency,
        invoices.filter((i) => i.bucket === bucket).map((i) => i.open),
      ),
    ]),
  ) as Record<AgingBucket, Money>;

/**
 * The body of `GET /billing/reports/aging`: every invoice still owing at the end of `asOf`, by
 * patient, and the four buckets' totals and counts. The grand total is the buckets' sum, in minor units.
 */
export const agingReport = (accounts: readonly BillingAccountDoc[], asOf: string, currency: string, position: number) => {
  const patients = accounts
    .map((doc) => ({ patientId: doc.patientId, invoices: agedInvoices(doc, asOf) }))
    .filter((p) => p.invoices.length > 0)
    .sort((a, b) => compare(a.patientId, b.patientId))
    .map((p) => ({
      ...p,
      total: sum(
        currency,
        p.invoices.map((i) => i.open),
      ),
      buckets: byBucket(currency, p.invoices),
    }));
  const all = patients.flatMap((p) => p.invoices);
  const buckets = AGING_BUCKETS.map((bucket) => {
    const within = all.filter((i) => i.bucket === bucket);
    return {
      bucket,
      count: within.length,
      total: sum(
        currency,
        within.map((i) => i.open),
      ),
    };
  });
  return {
    asOf,
    currency,
    buckets,
    count: all.length,
    total: buckets.reduce((total, b) => plus(total, b.total), zero(currency)),
    patients,
    position,
  };
};
