import type { Money } from '@hcms/shared-kernel';
import type { AccountEvent, AccountState } from '@hcms/billing/contract';
import type { AccountHistory, CreditMovement, InvoiceHistory, InvoiceMovement } from './billing-account.doc.js';

export const noHistory: AccountHistory = { invoices: {}, credit: [], payments: {}, refunds: {}, writeOffs: {}, adjustments: {} };

const withInvoice = (h: AccountHistory, invoiceId: string, change: (inv: InvoiceHistory) => InvoiceHistory): AccountHistory => {
  const inv = h.invoices[invoiceId];
  return inv ? { ...h, invoices: { ...h.invoices, [invoiceId]: change(inv) } } : h;
};

const moved = (h: AccountHistory, invoiceId: string, movements: readonly InvoiceMovement[]): AccountHistory =>
  movements.length === 0 ? h : withInvoice(h, invoiceId, (inv) => ({ ...inv, movements: [...inv.movements, ...movements] }));

const credited = (h: AccountHistory, movements: readonly CreditMovement[]): AccountHistory =>
  movements.length === 0 ? h : { ...h, credit: [...h.credit, ...movements] };

const positive = (m: Money): boolean => m.amount > 0;

/**
 * The dates of an account's movements of money, event by event. `before` is the fold before the
 * event: a reversal names what it reverses, and the fold knows its amount.
 */
export const evolveHistory = (h: AccountHistory, before: AccountState, event: AccountEvent): AccountHistory => {
  switch (event.type) {
    case 'InvoiceIssued': {
      const { invoiceId, issuedOn, dueOn } = event.data;
      return { ...h, invoices: { ...h.invoices, [invoiceId]: { issuedOn, dueOn, movements: [] } } };
    }
    case 'InvoiceVoided':
      return withInvoice(h, event.data.invoiceId, (inv) => ({ ...inv, voidedOn: event.data.on }));
    case 'InvoiceAdjusted': {
      const { adjustmentId: ref, invoiceId, kind, amount, released, on } = event.data;
      const adjusted = { ...h, adjustments: { ...h.adjustments, [ref]: { on, invoiceId, kind, amount } } };
      const note: InvoiceMovement = { on, kind: kind === 'credit' ? 'credit-note' : 'debit', amount, ref };
      return credited(
        moved(adjusted, invoiceId, [note, ...released.map((r) => ({ on, kind: 'credit-note-release' as const, amount: r.amount, ref }))]),
        released.map((r) => ({ on, kind: 'released', amount: r.amount, ref })),
      );
    }
    case 'PaymentReceived': {
      const { paymentId: ref, method, allocations, credit, claimId, on } = event.data;
      const received = {
        ...h,
        payments: { ...h.payments, [ref]: { on, method, ...(claimId === undefined ? {} : { claimId }) } },
      };
      const paid = allocations.reduce((acc, a) => moved(acc, a.invoiceId, [{ on, kind: 'payment', amount: a.amount, ref }]), received);
      return credited(paid, positive(credit) ? [{ on, kind: 'received', amount: credit, ref }] : []);
    }
    case 'CreditApplied': {
      const { invoiceId, from, on } = event.data;
      return credited(
        moved(
          h,
          invoiceId,
          from.map((f) => ({ on, kind: 'credit-applied', amount: f.amount, ref: f.paymentId })),
        ),
        from.map((f) => ({ on, kind: 'applied', amount: f.amount, ref: f.paymentId })),
      );
    }
    case 'RefundIssued': {
      const { refundId: ref, released, fromCredit, on } = event.data;
      const refunded = { ...h, refunds: { ...h.refunds, [ref]: { on } } };
      const releasedFrom = released.reduce(
        (acc, r) => moved(acc, r.invoiceId, [{ on, kind: 'refund-release', amount: r.amount, ref }]),
        refunded,
      );
      return credited(releasedFrom, positive(fromCredit) ? [{ on, kind: 'refunded', amount: fromCredit, ref }] : []);
    }
    case 'RefundReversed': {
      const { refundId: ref, on } = event.data;
      const refund = before.refunds[ref];
      const recorded = h.refunds[ref];
      if (!refund || !recorded) return h;
      // The money is the payment's credit again; the invoices it was released from stay open.
      return credited({ ...h, refunds: { ...h.refunds, [ref]: { ...recorded, reversedOn: on } } }, [
        { on, kind: 'refund-reversed', amount: refund.amount, ref },
      ]);
    }
    case 'WrittenOff': {
      const { writeOffId: ref, invoiceId, amount, reasonCode, on } = event.data;
      const written = { ...h, writeOffs: { ...h.writeOffs, [ref]: { on, reasonCode } } };
      return moved(written, invoiceId, [{ on, kind: 'write-off', amount, ref }]);
    }
    case 'WriteOffReversed': {
      const { writeOffId: ref, on } = event.data;
      const writeOff = before.writeOffs[ref];
      const recorded = h.writeOffs[ref];
      if (!writeOff || !recorded) return h;
      return moved({ ...h, writeOffs: { ...h.writeOffs, [ref]: { ...recorded, reversedOn: on } } }, writeOff.invoiceId, [
        { on, kind: 'write-off-reversal', amount: writeOff.amount, ref },
      ]);
    }
    case 'InvoiceIssueStarted':
    case 'PaymentPending':
    case 'PaymentDeclined':
    case 'ChargeCaptured':
    case 'ChargePriced':
    case 'ChargeVoided':
    case 'ClaimSubmitted':
    case 'ClaimAccepted':
    case 'ClaimRejected':
    case 'ClaimLineAdjudicated':
      return h;
  }
};
