import * as t from 'io-ts';
import { BoundedInt, IntFromQuery, IsoDateTime, LongText, NonEmptyText, Uuid, withSchema } from '@hcms/shared-kernel';
import { LoincCode, SpecimenType, TestDefinition } from '../domain/catalogue/test-definition.js';
import { AccessionNumber, Comparator, LabPriority, ReachedRole, RejectionReason } from '../domain/order/lab-order.values.js';

export const PatientParams = t.type({ patientId: Uuid });
export const LabOrderParams = t.type({ patientId: Uuid, labOrderId: Uuid });
export const SpecimenParams = t.type({ patientId: Uuid, labOrderId: Uuid, accessionNumber: AccessionNumber });
export const TestParams = t.type({ code: LoincCode });
export const ParkedParams = t.type({ parkedId: Uuid });

/** Free text that says something: 1 to 4000 characters. */
const Written = withSchema(
  t.refinement(LongText, (s) => s.trim().length > 0, 'Written'),
  { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S', description: 'must be 1-4000 characters, not only spaces' },
);

/** A list of 1 to `max` items. */
const ListOf = <C extends t.Mixed>(item: C, max: number) =>
  withSchema(
    t.refinement(t.array(item), (items) => items.length >= 1 && items.length <= max, `ListOf1To${max}`),
    { minItems: 1, maxItems: max, description: `must list 1 to ${max} items` },
  );

/** The order's version the client acted on (from its last read or command): a change since is refused. */
const ReadVersion = { version: BoundedInt(1, 1_000_000_000, 'must be the version of the lab order as last read (a positive integer)') };

export interface FiniteNumberBrand {
  readonly FiniteNumber: unique symbol;
}
const FiniteNumber = withSchema(
  t.brand(t.number, (n): n is t.Branded<number, FiniteNumberBrand> => Number.isFinite(n) && Math.abs(n) < 1e9, 'FiniteNumber'),
  { type: 'number', minimum: -999_999_999, maximum: 999_999_999, description: 'must be a number' },
);
const Unit = withSchema(
  t.refinement(t.string, (s) => /^[!-~]{1,40}$/.test(s), 'Unit'),
  { type: 'string', pattern: '^[!-~]{1,40}$', description: 'must be a UCUM unit such as mmol/L, g/dL or 10*3/uL' },
);

export const NumericResult = t.intersection([
  t.type({ code: LoincCode, value: FiniteNumber }),
  t.partial({ unit: Unit, comparator: Comparator }),
]);
export const CodedResult = t.type({ code: LoincCode, answer: NonEmptyText });
export const TextResult = t.type({ code: LoincCode, text: Written });
/** A number (in the test's unit unless `unit` says another of its kind), a coded answer, or text. */
export const ResultEntry = t.union([NumericResult, CodedResult, TextResult]);

export const PlaceLabOrderBody = t.intersection([
  t.type({ tests: ListOf(LoincCode, 20) }),
  t.partial({ priority: LabPriority, note: Written }),
]);
/** `accessionNumber`: a pre-printed label's; the laboratory gives one otherwise. Sending the same again is a retry, not a second specimen. */
export const CollectSpecimenBody = t.intersection([
  t.type({ specimenType: SpecimenType, collectedAt: IsoDateTime }),
  t.partial({ accessionNumber: AccessionNumber }),
]);
export const RejectSpecimenBody = t.intersection([t.type({ reason: RejectionReason }), t.partial({ note: Written })]);
export const EnterResultsBody = t.type({ accessionNumber: AccessionNumber, results: ListOf(ResultEntry, 50) });
export const VerifyBody = t.type(ReadVersion);
export const CorrectResultsBody = t.type({ reason: Written, results: ListOf(ResultEntry, 50) });
export const CriticalCallbackBody = t.type({
  alertId: NonEmptyText,
  reached: t.type({ name: NonEmptyText, role: ReachedRole }),
  readBack: t.boolean,
  calledAt: IsoDateTime,
});
export const CancelBody = t.partial({ reason: Written });
export const DefineTestBody = TestDefinition;
/** The definition's version the administrator edited (from the catalogue): a change since is refused. */
export const DefineTestQuery = t.partial({ version: IntFromQuery(1, 1_000_000_000) });
/** `version`: the parked results' as the technician read them (from the inbox); a change since is refused. */
export const AssignParkedBody = t.intersection([t.type({ patientId: Uuid, labOrderId: Uuid }), t.partial(ReadVersion)]);
export const DiscardParkedBody = t.type({ reason: Written });
