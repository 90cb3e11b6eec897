import { sum, zero, type Money } from '@hcms/shared-kernel';
import { creditBalance, invoiceStatus, openBalance, type Invoice, type InvoiceStatus, type PendingPayment } from '@hcms/billing/contract';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { lineOf } from './invoice-view.js';
import { byDayThen, compare } from './ordering.js';

export interface InvoiceSummary {
  readonly invoiceId: string;
  readonly number: string;
  readonly status: InvoiceStatus;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly total: Money;
  readonly open: Money;
}

const numbered = (inv: Invoice): inv is Invoice & { number: string; issuedOn: string; dueOn: string } =>
  inv.number !== undefined && inv.issuedOn !== undefined && inv.dueOn !== undefined;

/** The account's numbered invoices (issued, and voided ones: their numbers stay used), by number. */
export const invoiceSummaries = (doc: BillingAccountDoc): InvoiceSummary[] =>
  Object.values(doc.account.invoices)
    .filter(numbered)
    .sort((a, b) => compare(a.number, b.number))
    .map((inv) => ({
      invoiceId: inv.invoiceId,
      number: inv.number,
      status: invoiceStatus(inv),
      issuedOn: inv.issuedOn,
      dueOn: inv.dueOn,
      total: inv.total,
      open: inv.status === 'issued' ? openBalance(inv) : zero(inv.total.currency),
    }));

/** The account's currency: the first amount recorded fixed it; an empty account counts in the installation's. */
export const currencyOf = (doc: BillingAccountDoc, installation: string): string => doc.account.currency ?? installation;

/** What the issued invoices still owe, by the account's own fold. */
export const balanceDue = (doc: BillingAccountDoc, currency: string): Money =>
  sum(
    currency,
    Object.values(doc.account.invoices)
      .filter((inv) => inv.status === 'issued')
      .map(openBalance),
  );

const drafts = (doc: BillingAccountDoc) =>
  Object.values(doc.account.invoices)
    .filter((inv) => inv.status === 'draft' && inv.chargeIds.some((id) => doc.account.charges[id]?.status === 'open'))
    .sort((a, b) => compare(a.group, b.group) || compare(a.invoiceId, b.invoiceId))
    .map((inv) => {
      const charges = inv.chargeIds.flatMap((id) => {
        const c = doc.account.charges[id];
        return c?.status === 'open' ? [{ ...lineOf(c), priced: c.amount !== undefined }] : [];
      });
      return {
        invoiceId: inv.invoiceId,
        group: inv.group,
        total: inv.total,
        charges,
        waitingForPrice: charges.filter((c) => !c.priced).length,
      };
    });

/** Invoices frozen and dated, waiting for their number: a moment, or until an interrupted issue is finished. */
const issuing = (doc: BillingAccountDoc) =>
  Object.values(doc.account.invoices)
    .filter((inv) => inv.status === 'issuing')
    .sort((a, b) => compare(a.invoiceId, b.invoiceId))
    .map(({ invoiceId, issuedOn, dueOn, total, chargeIds }) => ({ invoiceId, issuedOn, dueOn, total, chargeIds }));

const payments = (doc: BillingAccountDoc) =>
  doc.account.paymentOrder.flatMap((id) => {
    const p = doc.account.payments[id];
    const h = doc.history.payments[id];
    if (!p || !h) return [];
    const { paymentId, method, amount, allocations, credit, refunded } = p;
    return [{ paymentId, on: h.on, method, amount, allocations, credit, refunded, ...(h.claimId ? { claimId: h.claimId } : {}) }];
  });

const refunds = (doc: BillingAccountDoc) =>
  Object.values(doc.account.refunds)
    .flatMap((r) => {
      const h = doc.history.refunds[r.refundId];
      return h ? [{ ...r, on: h.on, ...(h.reversedOn ? { reversedOn: h.reversedOn } : {}) }] : [];
    })
    .sort(byDayThen('refundId'));

const writeOffs = (doc: BillingAccountDoc) =>
  Object.values(doc.account.writeOffs)
    .flatMap((w) => {
      const h = doc.history.writeOffs[w.writeOffId];
      return h ? [{ ...w, on: h.on, reasonCode: h.reasonCode, ...(h.reversedOn ? { reversedOn: h.reversedOn } : {}) }] : [];
    })
    .sort(byDayThen('writeOffId'));

/**
 * The body of `GET /patients/:patientId/account`: what is owed and the credit, the invoices, the
 * drafts gathering charges (priced, or waiting for a price), and every payment (with where it
 * went), refund, write-off and claim.
 */
export const accountBody = (doc: BillingAccountDoc, installationCurrency: string, position: number) => {
  const currency = currencyOf(doc, installationCurrency);
  const credit = doc.account.currency === undefined ? zero(currency) : creditBalance(doc.account);
  return {
    patientId: doc.patientId,
    currency,
    balanceDue: balanceDue(doc, currency),
    credit,
    invoices: invoiceSummaries(doc),
    drafts: drafts(doc),
    issuing: issuing(doc),
    payments: payments(doc),
    /** Patients' card payments waiting for billing to confirm the processor settled them: they count for nothing yet. */
    pendingPayments: Object.values<PendingPayment>(doc.account.pending ?? {}).sort((a, b) => compare(a.paymentId, b.paymentId)),
    refunds: refunds(doc),
    writeOffs: writeOffs(doc),
    claims: Object.values(doc.account.claims).sort((a, b) => compare(a.claimId, b.claimId)),
    version: doc.version,
    position,
  };
};
