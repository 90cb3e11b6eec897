/**
 * The catalogue a new laboratory starts from: common tests and panels, coded with LOINC, in UCUM
 * units, with conventional reference intervals (adult unless said, sex-specific where usual), common
 * critical-call limits and wide plausibility limits that catch a wrong unit. Each laboratory replaces
 * the intervals with those validated for its own analysers and population.
 *
 * This material contains content from LOINC® (http://loinc.org), copyright © Regenstrief Institute,
 * Inc. and the LOINC Committee, available at no cost under the license at https://loinc.org/license/;
 * names are LOINC long common names, some abridged. See LOINC-NOTICE.md.
 */
import type {
  Age,
  CodedAnswer,
  CodedTest,
  CriticalRange,
  LoincCode,
  NumericTest,
  Panel,
  ReferenceRange,
  SpecimenType,
  TestDefinition,
  TextTest,
} from './test-definition.js';

const ADULT: Age = { value: 18, unit: 'years' };
const CHILD: Age = { value: 1, unit: 'years' };

interface Measured {
  readonly unit: string;
  readonly decimals: number;
  readonly ranges: readonly ReferenceRange[];
  readonly absolute: readonly [min: number, max: number];
  readonly critical?: CriticalRange;
}

const numeric = (code: string, name: string, specimenType: SpecimenType, m: Measured): NumericTest => ({
  kind: 'numeric',
  code: code as LoincCode,
  name,
  specimenType,
  unit: m.unit,
  decimals: m.decimals,
  referenceRanges: [...m.ranges],
  critical: m.critical ?? {},
  absolute: { min: m.absolute[0], max: m.absolute[1] },
});
const coded = (code: string, name: string, specimenType: SpecimenType, answers: readonly CodedAnswer[]): CodedTest => ({
  kind: 'coded',
  code: code as LoincCode,
  name,
  specimenType,
  answers: [...answers],
});
const text = (code: string, name: string, specimenType: SpecimenType): TextTest => ({
  kind: 'text',
  code: code as LoincCode,
  name,
  specimenType,
});
/** A panel takes its members' specimen type: one tube (or cup) for the whole panel. */
const panel = (code: string, name: string, members: readonly [TestDefinition, ...TestDefinition[]]): Panel => ({
  kind: 'panel',
  code: code as LoincCode,
  name,
  specimenType: members[0].specimenType,
  members: members.map((m) => m.code),
});

/** Adult ranges by sex, and one for both (the union) for a patient recorded as neither. */
const adultBySex = (male: readonly [number, number], female: readonly [number, number]): readonly ReferenceRange[] => [
  { sex: 'male', minAge: ADULT, low: male[0], high: male[1] },
  { sex: 'female', minAge: ADULT, low: female[0], high: female[1] },
  { minAge: ADULT, low: Math.min(male[0], female[0]), high: Math.max(male[1], female[1]) },
];

// --- Hematology (whole blood, EDTA)
const WBC = numeric('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', 'whole-blood', {
  unit: '10*3/uL',
  decimals: 1,
  ranges: [{ low: 4.0, high: 11.0 }],
  critical: { low: 2.0, high: 30.0 },
  absolute: [0, 1000],
});
const RBC = numeric('789-8', 'Erythrocytes [#/volume] in Blood by Automated count', 'whole-blood', {
  unit: '10*6/uL',
  decimals: 2,
  ranges: adultBySex([4.5, 5.9], [4.1, 5.1]),
  absolute: [0.2, 12],
});
const HEMOGLOBIN = numeric('718-7', 'Hemoglobin [Mass/volume] in Blood', 'whole-blood', {
  unit: 'g/dL',
  decimals: 1,
  ranges: adultBySex([13.5, 17.5], [12.0, 15.5]),
  critical: { low: 7.0, high: 20.0 },
  absolute: [1, 26],
});
const HEMATOCRIT = numeric('4544-3', 'Hematocrit [Volume Fraction] of Blood by Automated count', 'whole-blood', {
  unit: '%',
  decimals: 1,
  ranges: adultBySex([41.0, 53.0], [36.0, 46.0]),
  critical: { low: 20.0, high: 60.0 },
  absolute: [5, 80],
});
const MCV = numeric('787-2', 'MCV [Entitic volume] by Automated count', 'whole-blood', {
  unit: 'fL',
  decimals: 1,
  ranges: [{ low: 80.0, high: 100.0 }],
  absolute: [40, 160],
});
const MCH = numeric('785-6', 'MCH [Entitic mass] by Automated count', 'whole-blood', {
  unit: 'pg',
  decimals: 1,
  ranges: [{ low: 27.0, high: 33.0 }],
  absolute: [10, 60],
});
const MCHC = numeric('786-4', 'MCHC [Mass/volume] by Automated count', 'whole-blood', {
  unit: 'g/dL',
  decimals: 1,
  ranges: [{ low: 32.0, high: 36.0 }],
  absolute: [20, 45],
});
const RDW = numeric('788-0', 'Erythrocyte distribution width [Ratio] by Automated count', 'whole-blood', {
  unit: '%',
  decimals: 1,
  ranges: [{ low: 11.5, high: 14.5 }],
  absolute: [5, 40],
});
const PLATELETS = numeric('777-3', 'Platelets [#/volume] in Blood by Automated count', 'whole-blood', {
  unit: '10*3/uL',
  decimals: 0,
  ranges: [{ low: 150, high: 400 }],
  critical: { low: 20, high: 1000 },
  absolute: [0, 5000],
});
const HBA1C = numeric('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'whole-blood', {
  unit: '%',
  decimals: 1,
  ranges: [{ low: 4.0, high: 5.6 }],
  absolute: [2, 20],
});

// --- Chemistry (serum)
const SODIUM = numeric('2951-2', 'Sodium [Moles/volume] in Serum or Plasma', 'serum', {
  unit: 'mmol/L',
  decimals: 0,
  ranges: [{ low: 136, high: 145 }],
  critical: { low: 120, high: 160 },
  absolute: [80, 220],
});
const POTASSIUM = numeric('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'serum', {
  unit: 'mmol/L',
  decimals: 1,
  ranges: [{ low: 3.5, high: 5.1 }],
  critical: { low: 2.5, high: 6.5 },
  absolute: [0.5, 15],
});
const CHLORIDE = numeric('2075-0', 'Chloride [Moles/volume] in Serum or Plasma', 'serum', {
  unit: 'mmol/L',
  decimals: 0,
  ranges: [{ low: 98, high: 107 }],
  critical: { low: 80, high: 120 },
  absolute: [40, 180],
});
const CO2 = numeric('2028-9', 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', 'serum', {
  unit: 'mmol/L',
  decimals: 0,
  ranges: [{ low: 22, high: 29 }],
  critical: { low: 10, high: 40 },
  absolute: [2, 60],
});
const BUN = numeric('3094-0', 'Urea nitrogen [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 0,
  ranges: [{ low: 7, high: 20 }],
  critical: { high: 100 },
  absolute: [1, 300],
});
// Children's creatinine follows their muscle mass: lower, and the same for both sexes until adulthood.
const CREATININE = numeric('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 2,
  ranges: [...adultBySex([0.74, 1.35], [0.59, 1.04]), { minAge: CHILD, maxAge: ADULT, low: 0.2, high: 0.9 }],
  absolute: [0.1, 40],
});
// Fasting: a random glucose above 99 is flagged high, as it is to be read.
const GLUCOSE = numeric('2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 0,
  ranges: [{ low: 70, high: 99 }],
  critical: { low: 40, high: 500 },
  absolute: [5, 3000],
});
const CALCIUM = numeric('17861-6', 'Calcium [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 1,
  ranges: [{ low: 8.6, high: 10.3 }],
  critical: { low: 6.0, high: 13.0 },
  absolute: [2, 20],
});
const ALBUMIN = numeric('1751-7', 'Albumin [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'g/dL',
  decimals: 1,
  ranges: [{ low: 3.5, high: 5.2 }],
  absolute: [0.5, 8],
});
const TOTAL_PROTEIN = numeric('2885-2', 'Protein [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'g/dL',
  decimals: 1,
  ranges: [{ low: 6.0, high: 8.3 }],
  absolute: [1, 16],
});
const ALT = numeric('1742-6', 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'serum', {
  unit: 'U/L',
  decimals: 0,
  ranges: [{ low: 7, high: 55 }],
  absolute: [0, 20000],
});
const AST = numeric('1920-8', 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma', 'serum', {
  unit: 'U/L',
  decimals: 0,
  ranges: [{ low: 8, high: 48 }],
  absolute: [0, 30000],
});
// Growing bone makes a child's alkaline phosphatase several times an adult's.
const ALP = numeric('6768-6', 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma', 'serum', {
  unit: 'U/L',
  decimals: 0,
  ranges: [
    { minAge: ADULT, low: 40, high: 129 },
    { minAge: CHILD, maxAge: ADULT, low: 100, high: 390 },
  ],
  absolute: [0, 5000],
});
const BILIRUBIN = numeric('1975-2', 'Bilirubin.total [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 1,
  ranges: [{ low: 0.1, high: 1.2 }],
  absolute: [0, 60],
});
const CRP = numeric('1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/L',
  decimals: 1,
  ranges: [{ high: 5.0 }],
  absolute: [0, 600],
});
const TSH = numeric('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'serum', {
  unit: 'm[IU]/L',
  decimals: 2,
  ranges: [{ low: 0.4, high: 4.0 }],
  absolute: [0, 1000],
});
// Lipids: the limits are the desirable levels of cardiovascular risk, not a population's spread.
const CHOLESTEROL = numeric('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 0,
  ranges: [{ high: 199 }],
  absolute: [20, 2000],
});
const TRIGLYCERIDE = numeric('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 0,
  ranges: [{ high: 149 }],
  absolute: [5, 20000],
});
const HDL = numeric('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'serum', {
  unit: 'mg/dL',
  decimals: 0,
  ranges: [{ sex: 'male', low: 40 }, { sex: 'female', low: 50 }, { low: 40 }],
  absolute: [1, 300],
});
const LDL = numeric('18262-6', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', 'serum', {
  unit: 'mg/dL',
  decimals: 0,
  ranges: [{ high: 99 }],
  absolute: [1, 1500],
});

// --- Coagulation (citrated plasma)
const PT = numeric('5902-2', 'Prothrombin time (PT)', 'plasma', {
  unit: 's',
  decimals: 1,
  ranges: [{ low: 11.0, high: 13.5 }],
  absolute: [5, 200],
});
const INR = numeric('6301-6', 'INR in Platelet poor plasma by Coagulation assay', 'plasma', {
  unit: '{INR}',
  decimals: 1,
  ranges: [{ low: 0.8, high: 1.2 }],
  critical: { high: 5.0 },
  absolute: [0.5, 25],
});

// --- Urinalysis (urine): dipstick grades, anything but negative abnormal
const NEGATIVE: CodedAnswer = { code: 'negative', display: 'Negative' };
const GRADES: readonly CodedAnswer[] = [
  NEGATIVE,
  { code: 'trace', display: 'Trace', abnormal: true },
  { code: '1+', display: '1+', abnormal: true },
  { code: '2+', display: '2+', abnormal: true },
  { code: '3+', display: '3+', abnormal: true },
];
const PRESENCE: readonly CodedAnswer[] = [NEGATIVE, { code: 'positive', display: 'Positive', abnormal: true }];

const URINE_COLOR = text('5778-6', 'Color of Urine', 'urine');
const URINE_APPEARANCE = text('5767-9', 'Appearance of Urine', 'urine');
const URINE_SPECIFIC_GRAVITY = numeric('5811-5', 'Specific gravity of Urine by Test strip', 'urine', {
  unit: '1',
  decimals: 3,
  ranges: [{ low: 1.005, high: 1.03 }],
  absolute: [1.0, 1.06],
});
const URINE_PH = numeric('5803-2', 'pH of Urine by Test strip', 'urine', {
  unit: '[pH]',
  decimals: 1,
  ranges: [{ low: 5.0, high: 8.0 }],
  absolute: [3, 11],
});
const URINE_GLUCOSE = coded('5792-7', 'Glucose [Mass/volume] in Urine by Test strip', 'urine', GRADES);
const URINE_PROTEIN = coded('5804-0', 'Protein [Mass/volume] in Urine by Test strip', 'urine', GRADES);
const URINE_KETONES = coded('5797-6', 'Ketones [Mass/volume] in Urine by Test strip', 'urine', GRADES);
const URINE_BLOOD = coded('5794-3', 'Hemoglobin [Presence] in Urine by Test strip', 'urine', GRADES);
const URINE_LEUKOCYTE_ESTERASE = coded('5799-2', 'Leukocyte esterase [Presence] in Urine by Test strip', 'urine', GRADES);
const URINE_NITRITE = coded('5802-4', 'Nitrite [Presence] in Urine by Test strip', 'urine', PRESENCE);

const BASIC_METABOLIC = [SODIUM, POTASSIUM, CHLORIDE, CO2, BUN, CREATININE, GLUCOSE, CALCIUM] as const;

const ANALYTES: readonly TestDefinition[] = [
  WBC,
  RBC,
  HEMOGLOBIN,
  HEMATOCRIT,
  MCV,
  MCH,
  MCHC,
  RDW,
  PLATELETS,
  HBA1C,
  ...BASIC_METABOLIC,
  ALBUMIN,
  TOTAL_PROTEIN,
  ALT,
  AST,
  ALP,
  BILIRUBIN,
  CRP,
  TSH,
  CHOLESTEROL,
  TRIGLYCERIDE,
  HDL,
  LDL,
  PT,
  INR,
  URINE_COLOR,
  URINE_APPEARANCE,
  URINE_SPECIFIC_GRAVITY,
  URINE_PH,
  URINE_GLUCOSE,
  URINE_PROTEIN,
  URINE_KETONES,
  URINE_BLOOD,
  URINE_LEUKOCYTE_ESTERASE,
  URINE_NITRITE,
];

const PANELS: readonly Panel[] = [
  panel('58410-2', 'CBC panel - Blood by Automated count', [WBC, RBC, HEMOGLOBIN, HEMATOCRIT, MCV, MCH, MCHC, RDW, PLATELETS]),
  panel('51990-0', 'Basic metabolic panel - Blood', BASIC_METABOLIC),
  panel('24323-8', 'Comprehensive metabolic 2000 panel - Serum or Plasma', [
    ...BASIC_METABOLIC,
    ALBUMIN,
    TOTAL_PROTEIN,
    ALT,
    AST,
    ALP,
    BILIRUBIN,
  ]),
  panel('57698-3', 'Lipid panel with direct LDL - Serum or Plasma', [CHOLESTEROL, TRIGLYCERIDE, HDL, LDL]),
  panel('24356-8', 'Urinalysis complete panel - Urine', [
    URINE_COLOR,
    URINE_APPEARANCE,
    URINE_SPECIFIC_GRAVITY,
    URINE_PH,
    URINE_GLUCOSE,
    URINE_PROTEIN,
    URINE_KETONES,
    URINE_BLOOD,
    URINE_LEUKOCYTE_ESTERASE,
    URINE_NITRITE,
  ]),
];

export const STARTER_CATALOGUE: readonly TestDefinition[] = [...ANALYTES, ...PANELS];

/** A test of a catalogue by its LOINC code (of the starter catalogue unless one is given). */
export const catalogueEntry = (code: string, catalogue: readonly TestDefinition[] = STARTER_CATALOGUE): TestDefinition | undefined =>
  catalogue.find((test) => test.code === code);

/** A panel's members as the catalogue defines them, in the panel's order; a test of its own is its own only member. */
export const analytesOf = (test: TestDefinition, catalogue: readonly TestDefinition[] = STARTER_CATALOGUE): readonly TestDefinition[] =>
  test.kind === 'panel' ? test.members.flatMap((code) => catalogueEntry(code, catalogue) ?? []) : [test];
