import * as t from 'io-ts';
import { BoundedText, PositiveMoney, withSchema } from '@hcms/shared-kernel';

/** Where a charge comes from: one line of a source is charged once, whatever the redeliveries. */
export const ChargeSource = t.union(
  [
    t.type({ kind: t.literal('encounter'), encounterId: t.string, line: t.number }),
    t.type({ kind: t.literal('lab'), labOrderId: t.string }),
    t.type({ kind: t.literal('manual') }),
  ],
  'ChargeSource',
);
export type ChargeSource = t.TypeOf<typeof ChargeSource>;

/** A service code of the fee schedule: CPT and HCPCS codes, LOINC codes of laboratory tests. */
export const ServiceCode = withSchema(
  t.refinement(t.string, (s) => /^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$/.test(s), 'ServiceCode'),
  {
    type: 'string',
    pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,15}$',
    description: 'must be a service code: CPT or HCPCS (99213, G0438) or a laboratory test’s LOINC code (2823-3)',
  },
);

export const PaymentMethod = t.keyof({ cash: null, card: null, insurance: null }, 'PaymentMethod');
export type PaymentMethod = t.TypeOf<typeof PaymentMethod>;

/** Why a balance is written off: a code the reports group by, never free text alone. */
export const WriteOffReason = t.keyof(
  {
    'bad-debt': null,
    'small-balance': null,
    charity: null,
    'insurance-denied': null,
    'timely-filing': null,
    administrative: null,
    other: null,
  },
  'WriteOffReason',
);
export type WriteOffReason = t.TypeOf<typeof WriteOffReason>;

export const AdjustmentKind = t.keyof({ credit: null, debit: null }, 'AdjustmentKind');
export type AdjustmentKind = t.TypeOf<typeof AdjustmentKind>;

/** What a denied claim line becomes: the patient's to pay, or written off. */
export const DenialPolicy = t.keyof({ patient: null, 'write-off': null }, 'DenialPolicy');
export type DenialPolicy = t.TypeOf<typeof DenialPolicy>;

export const Reason = BoundedText(1, 500, 'must be 1 to 500 characters');

/** An amount moved to or from one invoice (an allocation, a release). */
export const InvoiceShare = t.type({ invoiceId: t.string, amount: PositiveMoney }, 'InvoiceShare');
export type InvoiceShare = t.TypeOf<typeof InvoiceShare>;

/** An amount taken from or given back to one payment's unallocated credit. */
export const PaymentShare = t.type({ paymentId: t.string, amount: PositiveMoney }, 'PaymentShare');
export type PaymentShare = t.TypeOf<typeof PaymentShare>;

export const Payer = t.intersection(
  [t.type({ name: BoundedText(1, 200, 'must be 1 to 200 characters') }), t.partial({ payerId: t.string })],
  'Payer',
);
export type Payer = t.TypeOf<typeof Payer>;
