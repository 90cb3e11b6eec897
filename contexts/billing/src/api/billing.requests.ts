import * as t from 'io-ts';
import { BoundedInt, IsoDate, LongText, moneyIn, Uuid, withSchema } from '@hcms/shared-kernel';
import { AdjustmentKind, DenialPolicy, Payer, PaymentMethod, ServiceCode, WriteOffReason } from '../domain/account/billing.values.js';

export const PatientParams = t.type({ patientId: Uuid });
export const ChargeParams = t.type({ patientId: Uuid, chargeId: Uuid });
export const InvoiceParams = t.type({ patientId: Uuid, invoiceId: Uuid });
export const PaymentParams = t.type({ patientId: Uuid, paymentId: Uuid });
export const RefundParams = t.type({ patientId: Uuid, refundId: Uuid });
export const WriteOffParams = t.type({ patientId: Uuid, writeOffId: Uuid });
export const ClaimParams = t.type({ patientId: Uuid, claimId: Uuid });
export const ClaimLineParams = t.type({ patientId: Uuid, claimId: Uuid, chargeId: Uuid });

export const FeeParams = t.type({ code: ServiceCode });

/** Free text that says something: 1 to 4000 characters. */
const Written = withSchema(
  t.refinement(LongText, (s) => s.trim().length > 0, 'Written'),
  { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S', description: 'must be 1-4000 characters, not only spaces' },
);
const Description = withSchema(
  t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 200, 'Description'),
  { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', description: 'must be 1-200 characters, not only spaces' },
);
const Quantity = BoundedInt(1, 999, 'must be a whole number from 1 to 999');
const Reference = withSchema(
  t.refinement(t.string, (s) => /^[ -~]{1,100}$/.test(s), 'Reference'),
  { type: 'string', pattern: '^[ -~]{1,100}$', description: 'must be 1-100 printable ASCII characters (a receipt or transaction number)' },
);
const Ids = (max: number) =>
  withSchema(
    t.refinement(t.array(Uuid), (xs) => xs.length >= 1 && xs.length <= max && new Set(xs).size === xs.length, 'DistinctIds'),
    { minItems: 1, maxItems: max, uniqueItems: true, description: `must list 1 to ${max} distinct ids` },
  );

export const ReasonBody = t.type({ reason: Written });

/** The bodies that carry money: amounts in the installation's currency only (the document names it). */
export const moneyBodies = (currency: string) => {
  const Positive = moneyIn(currency, 1);
  const SetFeeBody = t.type({ description: Description, price: Positive, effectiveFrom: IsoDate });
  const ChargeBody = t.intersection([
    t.type({ code: ServiceCode, serviceDate: IsoDate }),
    t.partial({ quantity: Quantity, unitPrice: Positive }),
  ]);
  const PriceBody = t.type({ unitPrice: Positive });
  const AdjustmentBody = t.type({ kind: AdjustmentKind, amount: Positive, reason: Written });
  const WriteOffBody = t.intersection([t.type({ amount: Positive, reasonCode: WriteOffReason }), t.partial({ note: Written })]);
  const ApplyCreditBody = t.partial({ amount: Positive });
  const Allocations = withSchema(
    t.refinement(t.array(t.type({ invoiceId: Uuid, amount: Positive })), (xs) => xs.length >= 1 && xs.length <= 50, 'Allocations'),
    { minItems: 1, maxItems: 50, description: 'must list 1 to 50 invoices and amounts' },
  );
  const PaymentBody = t.intersection([
    t.type({ method: PaymentMethod, amount: Positive }),
    t.partial({ allocations: Allocations, reference: Reference }),
  ]);
  const RefundBody = t.type({ amount: Positive, reason: Written });
  const AdjudicationBody = t.type({ paid: moneyIn(currency, 0), deniedTo: DenialPolicy });
  return { SetFeeBody, ChargeBody, PriceBody, AdjustmentBody, WriteOffBody, ApplyCreditBody, PaymentBody, RefundBody, AdjudicationBody };
};

export const ClaimBody = t.intersection([t.type({ payer: Payer }), t.partial({ chargeIds: Ids(100) })]);
export const ResubmitBody = t.partial({ payer: Payer, chargeIds: Ids(100) });

/** An idempotency key: the client's name for one payment (or refund, write-off…), reused on every retry of it. */
export const IDEMPOTENCY_KEY = {
  name: 'idempotency-key',
  required: false,
  pattern: '^[!-~]{8,200}$',
  description:
    'the client’s unique name for what this request records (8-200 printable ASCII characters, e.g. a UUID), sent again on every retry: the same key answers what the first request recorded and records nothing more; with other content it is 409 (IDEMPOTENCY_KEY_REUSED for a payment, DUPLICATE_ID otherwise)',
} as const;
