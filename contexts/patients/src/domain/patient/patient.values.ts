import * as t from 'io-ts';
import { IsoDate, NonEmptyText, withSchema } from '@hcms/shared-kernel';

export interface MrnBrand {
  readonly Mrn: unique symbol;
}
/** Medical record number: ours look like `MRN-48217730`; imported ones keep their format. */
export const Mrn = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, MrnBrand> => /^[A-Z0-9][A-Z0-9-]{3,19}$/.test(s), 'Mrn'),
  { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{3,19}$', description: 'must be 4-20 upper-case letters, digits or dashes' },
);
export type Mrn = t.TypeOf<typeof Mrn>;

export interface Icd10Brand {
  readonly Icd10Code: unique symbol;
}
export const Icd10Code = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, Icd10Brand> => /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/.test(s), 'Icd10Code'),
  { type: 'string', pattern: '^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$', description: 'must be an ICD-10 code such as E11.9' },
);
export type Icd10Code = t.TypeOf<typeof Icd10Code>;

export interface EmailBrand {
  readonly Email: unique symbol;
}
export const Email = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, EmailBrand> => s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'Email'),
  { type: 'string', format: 'email', description: 'must be an e-mail address' },
);

export interface PhoneBrand {
  readonly Phone: unique symbol;
}
/** E.164, the form SMS gateways accept. */
export const Phone = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, PhoneBrand> => /^\+[1-9]\d{6,14}$/.test(s), 'Phone'),
  { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$', description: 'must be a phone number in E.164 form, e.g. +441632960961' },
);

export const Sex = t.keyof({ female: null, male: null, other: null, unknown: null }, 'Sex');

export const Address = t.intersection([
  t.type({ line: NonEmptyText, city: NonEmptyText, country: NonEmptyText }),
  t.partial({ postalCode: NonEmptyText }),
]);

export const Demographics = t.intersection(
  [
    t.type({ givenName: NonEmptyText, familyName: NonEmptyText, dateOfBirth: IsoDate, sex: Sex }),
    t.partial({ phone: Phone, email: Email, address: Address }),
  ],
  'Demographics',
);
export type Demographics = t.TypeOf<typeof Demographics>;

export const AllergySeverity = t.keyof({ mild: null, moderate: null, severe: null, 'life-threatening': null }, 'AllergySeverity');
export type AllergySeverity = t.TypeOf<typeof AllergySeverity>;

export const ConditionStatus = t.keyof({ active: null, recurrence: null, remission: null, resolved: null }, 'ConditionStatus');
export type ConditionStatus = t.TypeOf<typeof ConditionStatus>;

export const ConsentKind = t.keyof(
  { treatment: null, 'data-sharing': null, research: null, 'contact-by-email': null, 'contact-by-sms': null },
  'ConsentKind',
);
export type ConsentKind = t.TypeOf<typeof ConsentKind>;

export const ContactChannel = t.keyof({ email: null, sms: null }, 'ContactChannel');
export type ContactChannel = t.TypeOf<typeof ContactChannel>;

/** Why a record was erased: a code, never free text (the erasure event must hold no personal data). */
export const ErasureReason = t.keyof(
  { 'patient-request': null, 'registered-in-error': null, 'court-order': null, 'retention-expired': null },
  'ErasureReason',
);
export type ErasureReason = t.TypeOf<typeof ErasureReason>;

/** What a legal hold is for: a code, so the hold itself holds no personal data. */
export const HoldBasis = t.keyof({ litigation: null, investigation: null, regulator: null, other: null }, 'HoldBasis');
export type HoldBasis = t.TypeOf<typeof HoldBasis>;
