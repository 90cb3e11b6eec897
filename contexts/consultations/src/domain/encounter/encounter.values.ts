import * as t from 'io-ts';
import { Uuid, withSchema } from '@hcms/shared-kernel';

export const NOTE_SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const;
/** The SOAP note's sections, each free text. */
export const NoteSection = withSchema(t.keyof({ subjective: null, objective: null, assessment: null, plan: null }, 'NoteSection'), {
  type: 'string',
  enum: [...NOTE_SECTIONS],
  pattern: `^(${NOTE_SECTIONS.join('|')})$`,
  description: `must be one of: ${NOTE_SECTIONS.join(', ')}`,
});
export type NoteSection = t.TypeOf<typeof NoteSection>;

/** Where an encounter came from: a checked-in appointment (completed when the encounter is signed), or a walk-in. */
export const EncounterOrigin = t.union(
  [t.type({ kind: t.literal('appointment'), appointmentId: Uuid }), t.type({ kind: t.literal('walk-in') })],
  'EncounterOrigin',
);
export type EncounterOrigin = t.TypeOf<typeof EncounterOrigin>;

export interface PositiveDecimalBrand {
  readonly PositiveDecimal: unique symbol;
}
/** A finite number above zero (a dose, a measured value). */
export const PositiveDecimal = withSchema(
  t.brand(t.number, (n): n is t.Branded<number, PositiveDecimalBrand> => Number.isFinite(n) && n > 0 && n < 1e9, 'PositiveDecimal'),
  { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 999_999_999, description: 'must be a number above 0' },
);
export type PositiveDecimal = t.TypeOf<typeof PositiveDecimal>;

export interface UcumUnitBrand {
  readonly UcumUnit: unique symbol;
}
/** The spelling of a UCUM unit (`mg`, `[lb_av]`, `mm[Hg]`); whether UCUM knows it is checked against UCUM itself. */
export const UcumUnit = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, UcumUnitBrand> => /^[!-~]{1,40}$/.test(s), 'UcumUnit'),
  { type: 'string', pattern: '^[!-~]{1,40}$', description: 'must be a UCUM unit such as mg, mL, [lb_av] or mm[Hg]' },
);
export type UcumUnit = t.TypeOf<typeof UcumUnit>;

export const Quantity = t.type({ value: PositiveDecimal, unit: UcumUnit }, 'Quantity');
export type Quantity = t.TypeOf<typeof Quantity>;

export const AdministrationRoute = t.keyof(
  {
    oral: null,
    sublingual: null,
    intravenous: null,
    intramuscular: null,
    subcutaneous: null,
    topical: null,
    transdermal: null,
    inhaled: null,
    nasal: null,
    ophthalmic: null,
    otic: null,
    rectal: null,
    vaginal: null,
  },
  'AdministrationRoute',
);
export type AdministrationRoute = t.TypeOf<typeof AdministrationRoute>;

/** How often a dose is taken: the common sigs, spelled out. */
export const Frequency = t.keyof(
  {
    once: null,
    'once-daily': null,
    'twice-daily': null,
    'three-times-daily': null,
    'four-times-daily': null,
    'every-4-hours': null,
    'every-6-hours': null,
    'every-8-hours': null,
    'every-12-hours': null,
    'at-bedtime': null,
    weekly: null,
  },
  'Frequency',
);
export type Frequency = t.TypeOf<typeof Frequency>;

export interface DurationDaysBrand {
  readonly DurationDays: unique symbol;
}
export const DurationUnit = t.keyof({ d: null, wk: null, mo: null }, 'DurationUnit');
/** How long a course lasts, in UCUM's days, weeks or months. */
export const CourseDuration = t.type(
  {
    value: withSchema(
      t.brand(t.number, (n): n is t.Branded<number, DurationDaysBrand> => Number.isSafeInteger(n) && n >= 1 && n <= 366, 'DurationDays'),
      { type: 'integer', minimum: 1, maximum: 366, description: 'must be a whole number from 1 to 366' },
    ),
    unit: DurationUnit,
  },
  'CourseDuration',
);
export type CourseDuration = t.TypeOf<typeof CourseDuration>;

/** What a dose taken as needed is for: a code, not free text (FHIR's asNeededFor, from a short list). */
export const AsNeededFor = t.keyof(
  {
    pain: null,
    fever: null,
    nausea: null,
    anxiety: null,
    insomnia: null,
    cough: null,
    wheezing: null,
    itching: null,
    constipation: null,
    diarrhoea: null,
    'chest-pain': null,
    'muscle-spasm': null,
  },
  'AsNeededFor',
);

/** A structured dosage: a course of set length, taken as needed for a stated reason, or both. */
export const Dosage = t.intersection(
  [
    t.type({ dose: Quantity, route: AdministrationRoute, frequency: Frequency }),
    t.partial({ duration: CourseDuration, asNeededFor: AsNeededFor }),
  ],
  'Dosage',
);
export type Dosage = t.TypeOf<typeof Dosage>;

/** Evaluation and management of an office visit, as CPT codes it (new patient 99202–99205, established 99211–99215). */
export const EvaluationAndManagementCode = t.keyof(
  {
    '99202': null,
    '99203': null,
    '99204': null,
    '99205': null,
    '99211': null,
    '99212': null,
    '99213': null,
    '99214': null,
    '99215': null,
  },
  'EvaluationAndManagementCode',
);
export type EvaluationAndManagementCode = t.TypeOf<typeof EvaluationAndManagementCode>;

export interface CptCodeBrand {
  readonly CptCode: unique symbol;
}
/** A CPT procedure code: five characters, four digits and a digit or the category letter. */
export const CptCode = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, CptCodeBrand> => /^\d{4}[0-9FTU]$/.test(s), 'CptCode'),
  { type: 'string', pattern: '^\\d{4}[0-9FTU]$', description: 'must be a CPT code such as 93000' },
);
export type CptCode = t.TypeOf<typeof CptCode>;

export const LabPriority = t.keyof({ routine: null, urgent: null, stat: null }, 'LabPriority');
export type LabPriority = t.TypeOf<typeof LabPriority>;

/** A billable service of a signed encounter, as Billing charges it. */
export const BillableService = t.type(
  { system: t.literal('CPT'), code: t.string, kind: t.keyof({ 'evaluation-and-management': null, procedure: null }) },
  'BillableService',
);
export type BillableService = t.TypeOf<typeof BillableService>;
