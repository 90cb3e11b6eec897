import * as t from 'io-ts';
import { withSchema } from '@hcms/shared-kernel';

export interface LoincCodeBrand {
  readonly LoincCode: unique symbol;
}
/** A LOINC code: digits, a hyphen and the check digit (`2823-3`). */
export const LoincCode = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, LoincCodeBrand> => /^[0-9]{1,7}-[0-9]$/.test(s), 'LoincCode'),
  { type: 'string', pattern: '^[0-9]{1,7}-[0-9]$', description: 'must be a LOINC code such as 2823-3' },
);
export type LoincCode = t.TypeOf<typeof LoincCode>;

export const SpecimenType = t.keyof(
  { blood: null, serum: null, plasma: null, 'whole-blood': null, urine: null, csf: null, swab: null, stool: null },
  'SpecimenType',
);
export type SpecimenType = t.TypeOf<typeof SpecimenType>;

/** The patient's sex as Patients records it; a range for one sex applies to that sex only. */
export const Sex = t.keyof({ female: null, male: null, other: null, unknown: null }, 'Sex');
export type Sex = t.TypeOf<typeof Sex>;

/** An age bound, counted on the calendar from the date of birth (18 years is the 18th birthday). */
export const Age = t.type({ value: t.number, unit: t.keyof({ days: null, months: null, years: null }) }, 'Age');
export type Age = t.TypeOf<typeof Age>;

/**
 * Normal between `low` and `high`, both included; a side left out is unbounded. It applies to the
 * sex named (any, when none) and to ages in `[minAge, maxAge)` at collection.
 */
export const ReferenceRange = t.intersection(
  [t.type({}), t.partial({ sex: Sex, minAge: Age, maxAge: Age, low: t.number, high: t.number })],
  'ReferenceRange',
);
export type ReferenceRange = t.TypeOf<typeof ReferenceRange>;

/** Critical at or beyond either bound: `low` or under is LL, `high` or over is HH. */
export const CriticalRange = t.partial({ low: t.number, high: t.number }, 'CriticalRange');
export type CriticalRange = t.TypeOf<typeof CriticalRange>;

/** What an analyser can report at all: a value outside is a fault, refused, never interpreted. */
export const AbsoluteRange = t.type({ min: t.number, max: t.number }, 'AbsoluteRange');
export type AbsoluteRange = t.TypeOf<typeof AbsoluteRange>;

/** An answer of a coded test (a urine dipstick's `negative`, `trace`, `1+`), abnormal or not. */
export const CodedAnswer = t.intersection(
  [t.type({ code: t.string, display: t.string }), t.partial({ abnormal: t.boolean })],
  'CodedAnswer',
);
export type CodedAnswer = t.TypeOf<typeof CodedAnswer>;

/** A test with one result (an analyte). */
export const NumericTest = t.type(
  {
    kind: t.literal('numeric'),
    code: LoincCode,
    name: t.string,
    specimenType: SpecimenType,
    /** The UCUM unit results are reported in; an entered value in another unit of the same kind is converted. */
    unit: t.string,
    decimals: t.number,
    referenceRanges: t.array(ReferenceRange),
    critical: CriticalRange,
    absolute: AbsoluteRange,
  },
  'NumericTest',
);
export const CodedTest = t.type(
  { kind: t.literal('coded'), code: LoincCode, name: t.string, specimenType: SpecimenType, answers: t.array(CodedAnswer) },
  'CodedTest',
);
export const TextTest = t.type({ kind: t.literal('text'), code: LoincCode, name: t.string, specimenType: SpecimenType }, 'TextTest');
/** A panel orders several tests at once (a basic metabolic panel); its results are its members'. */
export const Panel = t.type(
  { kind: t.literal('panel'), code: LoincCode, name: t.string, specimenType: SpecimenType, members: t.array(LoincCode) },
  'Panel',
);

export const TestDefinition = t.union([NumericTest, CodedTest, TextTest, Panel], 'TestDefinition');
export type TestDefinition = t.TypeOf<typeof TestDefinition>;
export type NumericTest = t.TypeOf<typeof NumericTest>;
export type CodedTest = t.TypeOf<typeof CodedTest>;
export type TextTest = t.TypeOf<typeof TextTest>;
export type Panel = t.TypeOf<typeof Panel>;
/** A test that has a result of its own. */
export type AnalyteTest = NumericTest | CodedTest | TextTest;
