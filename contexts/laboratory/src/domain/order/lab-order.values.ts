import * as t from 'io-ts';
import { withSchema } from '@hcms/shared-kernel';
import { SpecimenType } from '../catalogue/test-definition.js';

export const LabPriority = t.keyof({ routine: null, urgent: null, stat: null }, 'LabPriority');
export type LabPriority = t.TypeOf<typeof LabPriority>;

/** Where an order came from: an encounter's order (Consultations), or a clinician ordering directly. */
export const OrderSource = t.union(
  [t.type({ kind: t.literal('encounter'), encounterId: t.string, placerOrderId: t.string }), t.type({ kind: t.literal('direct') })],
  'OrderSource',
);
export type OrderSource = t.TypeOf<typeof OrderSource>;

export const OrderedTest = t.type({ code: t.string, name: t.string }, 'OrderedTest');
export type OrderedTest = t.TypeOf<typeof OrderedTest>;
/** One result the order expects: a test of its own, or a member of an ordered panel (`panel` names it). */
export const ExpectedAnalyte = t.intersection(
  [t.type({ code: t.string, name: t.string }), t.partial({ panel: t.string })],
  'ExpectedAnalyte',
);
export type ExpectedAnalyte = t.TypeOf<typeof ExpectedAnalyte>;

export interface AccessionNumberBrand {
  readonly AccessionNumber: unique symbol;
}
/** The laboratory's number for one specimen, on its label and in every analyser message about it. */
export const AccessionNumber = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, AccessionNumberBrand> => /^[A-Z0-9][A-Z0-9-]{3,19}$/.test(s), 'AccessionNumber'),
  {
    type: 'string',
    pattern: '^[A-Z0-9][A-Z0-9-]{3,19}$',
    description: 'must be an accession number: 4 to 20 capital letters, digits or hyphens',
  },
);
export type AccessionNumber = t.TypeOf<typeof AccessionNumber>;

export const RejectionReason = t.keyof(
  { hemolysed: null, clotted: null, 'insufficient-volume': null, mislabelled: null, 'wrong-container': null, 'too-old': null, other: null },
  'RejectionReason',
);
export type RejectionReason = t.TypeOf<typeof RejectionReason>;

export const Comparator = t.keyof({ '<': null, '<=': null, '>': null, '>=': null }, 'Comparator');
export type Comparator = t.TypeOf<typeof Comparator>;

/** H / L above or below the reference range, HH / LL at or beyond a critical limit, N within, A an abnormal coded answer. */
export const Flag = t.keyof({ N: null, H: null, L: null, HH: null, LL: null, A: null }, 'Flag');
export type Flag = t.TypeOf<typeof Flag>;

/** A numeric value in the test's unit (rounded to its precision), and as it was entered when that differed. */
export const NumericValue = t.intersection(
  [
    t.type({ kind: t.literal('numeric'), value: t.number, unit: t.string }),
    t.partial({ comparator: Comparator, entered: t.type({ value: t.number, unit: t.string }) }),
  ],
  'NumericValue',
);
export const CodedValue = t.type({ kind: t.literal('coded'), code: t.string, display: t.string }, 'CodedValue');
export const TextValue = t.type({ kind: t.literal('text'), text: t.string }, 'TextValue');
export const ResultValue = t.union([NumericValue, CodedValue, TextValue], 'ResultValue');
export type NumericValue = t.TypeOf<typeof NumericValue>;
export type ResultValue = t.TypeOf<typeof ResultValue>;

/** The range a result was read against, as it stood then, so the report explains its own flag. */
export const AppliedRange = t.partial({ low: t.number, high: t.number, criticalLow: t.number, criticalHigh: t.number }, 'AppliedRange');
export type AppliedRange = t.TypeOf<typeof AppliedRange>;

/**
 * One analyte's result as interpreted. No range matched (no flag) is not "normal": `flag` is then
 * absent and `range` too.
 */
export const AnalyteResult = t.intersection(
  [t.type({ code: t.string, name: t.string, value: ResultValue, critical: t.boolean }), t.partial({ flag: Flag, range: AppliedRange })],
  'AnalyteResult',
);
export type AnalyteResult = t.TypeOf<typeof AnalyteResult>;

/** Who entered results: a person at the bench, or an analyser's message (HL7 v2, by its control id). */
export const ResultSource = t.union(
  [
    t.type({ kind: t.literal('manual') }),
    t.type({ kind: t.literal('hl7'), sendingApplication: t.string, sendingFacility: t.string, messageControlId: t.string }),
  ],
  'ResultSource',
);
export type ResultSource = t.TypeOf<typeof ResultSource>;

/** One message of one sender: control ids are each sender's own counter, so two analysers' may be alike. */
export const messageKeyOf = (source: Extract<ResultSource, { kind: 'hl7' }>): string =>
  JSON.stringify([source.sendingApplication, source.sendingFacility, source.messageControlId]);

/** Who was reached with a critical value, in what capacity. */
export const ReachedRole = t.keyof(
  { 'ordering-clinician': null, 'covering-clinician': null, 'on-call': null, nurse: null, other: null },
  'ReachedRole',
);
export type ReachedRole = t.TypeOf<typeof ReachedRole>;

export { SpecimenType };
