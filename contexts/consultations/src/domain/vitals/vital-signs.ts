import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invariantViolated, withSchema, type DomainError, type Problem } from '@hcms/shared-kernel';

export const VITAL_KINDS = [
  'systolic-blood-pressure',
  'diastolic-blood-pressure',
  'heart-rate',
  'body-temperature',
  'body-weight',
  'body-height',
  'oxygen-saturation',
] as const;
export type VitalKind = (typeof VITAL_KINDS)[number];

const oneOf = Object.fromEntries(VITAL_KINDS.map((kind) => [kind, null])) as Record<VitalKind, null>;
export const VitalKind = withSchema(t.keyof(oneOf, 'VitalKind'), {
  type: 'string',
  enum: [...VITAL_KINDS],
  description: `must be one of: ${VITAL_KINDS.join(', ')}`,
});

export interface VitalDefinition {
  readonly kind: VitalKind | 'body-mass-index';
  readonly loinc: string;
  readonly display: string;
  /** UCUM. */
  readonly canonicalUnit: string;
  /** In the canonical unit: wide enough for a premature neonate and the largest adult, narrow enough to catch a unit mistake. */
  readonly plausible: { readonly min: number; readonly max: number };
}

/**
 * LOINC codes of the FHIR vital-signs profiles. Oxygen saturation is 59408-5 (by pulse oximetry), what a
 * consultation measures: 2708-6 (in arterial blood) is the wider concept, which a FHIR export adds as a
 * second coding for the base oxygen-saturation profile; the narrower code cannot be recovered from it.
 *
 * This material contains content from LOINC® (http://loinc.org), copyright © Regenstrief Institute, Inc. and
 * the LOINC Committee, available at no cost under the license at http://loinc.org/license.
 */
export const VITALS: Readonly<Record<VitalKind | 'body-mass-index', VitalDefinition>> = {
  'systolic-blood-pressure': {
    kind: 'systolic-blood-pressure',
    loinc: '8480-6',
    display: 'Systolic blood pressure',
    canonicalUnit: 'mm[Hg]',
    plausible: { min: 40, max: 300 },
  },
  'diastolic-blood-pressure': {
    kind: 'diastolic-blood-pressure',
    loinc: '8462-4',
    display: 'Diastolic blood pressure',
    canonicalUnit: 'mm[Hg]',
    plausible: { min: 10, max: 200 },
  },
  'heart-rate': { kind: 'heart-rate', loinc: '8867-4', display: 'Heart rate', canonicalUnit: '/min', plausible: { min: 20, max: 300 } },
  'body-temperature': {
    kind: 'body-temperature',
    loinc: '8310-5',
    display: 'Body temperature',
    canonicalUnit: 'Cel',
    plausible: { min: 25, max: 45 },
  },
  'body-weight': { kind: 'body-weight', loinc: '29463-7', display: 'Body weight', canonicalUnit: 'kg', plausible: { min: 0.2, max: 650 } },
  'body-height': { kind: 'body-height', loinc: '8302-2', display: 'Body height', canonicalUnit: 'cm', plausible: { min: 20, max: 280 } },
  'oxygen-saturation': {
    kind: 'oxygen-saturation',
    loinc: '59408-5',
    display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    canonicalUnit: '%',
    plausible: { min: 30, max: 100 },
  },
  // Derived, never entered: a weight and a height that are each plausible can still make an impossible pair.
  'body-mass-index': {
    kind: 'body-mass-index',
    loinc: '39156-5',
    display: 'Body mass index (BMI) [Ratio]',
    canonicalUnit: 'kg/m2',
    plausible: { min: 3, max: 250 },
  },
};

/** What the clinician entered, and the same value in the canonical unit (converted outside the domain). */
export interface MeasuredVital {
  readonly kind: VitalKind;
  readonly value: number;
  readonly unit: string;
  readonly canonical: number;
}

/** One coded vital sign (LOINC), as entered and in its canonical UCUM unit: what `VitalsRecorded` holds. */
export const Observation = t.type({
  kind: t.keyof({ ...oneOf, 'body-mass-index': null }),
  loinc: t.string,
  value: t.number,
  unit: t.string,
  canonicalValue: t.number,
  canonicalUnit: t.string,
});
export type Observation = t.TypeOf<typeof Observation>;

export type VitalsErrorCode =
  'VITAL_IMPLAUSIBLE' | 'VITAL_REPEATED' | 'BLOOD_PRESSURE_INCOMPLETE' | 'BLOOD_PRESSURE_INVERTED' | 'NO_VITALS';
export type VitalsError = DomainError<VitalsErrorCode>;

type Check = (measured: readonly MeasuredVital[]) => readonly Problem[];

const at = (index: number, field: 'kind' | 'value'): string => `body.vitals.${index}.${field}`;
const indexOf = (measured: readonly MeasuredVital[], kind: VitalKind): number => measured.findIndex((m) => m.kind === kind);
const within = (value: number, { min, max }: VitalDefinition['plausible']): boolean => value >= min && value <= max; // false for NaN

const repeated: Check = (measured) =>
  measured.flatMap((m, i) => {
    const first = indexOf(measured, m.kind);
    return first < i ? [{ path: at(i, 'kind'), rule: `repeats entry ${first}: record each vital sign once in a set` }] : [];
  });

const implausible: Check = (measured) =>
  measured.flatMap((m, i) => {
    const { canonicalUnit, plausible } = VITALS[m.kind];
    return within(m.canonical, plausible)
      ? []
      : [{ path: at(i, 'value'), rule: `must be between ${plausible.min} and ${plausible.max} ${canonicalUnit}; check the unit` }];
  });

const incomplete: Check = (measured) => {
  const systolic = indexOf(measured, 'systolic-blood-pressure');
  const diastolic = indexOf(measured, 'diastolic-blood-pressure');
  if (systolic >= 0 && diastolic < 0) return [{ path: at(systolic, 'kind'), rule: 'needs the diastolic pressure in the same set' }];
  if (diastolic >= 0 && systolic < 0) return [{ path: at(diastolic, 'kind'), rule: 'needs the systolic pressure in the same set' }];
  return [];
};

const inverted: Check = (measured) => {
  const systolic = indexOf(measured, 'systolic-blood-pressure');
  const mmHg = (index: number): number | undefined => measured[index]?.canonical;
  const [s, d] = [mmHg(systolic), mmHg(indexOf(measured, 'diastolic-blood-pressure'))];
  return s !== undefined && d !== undefined && s <= d
    ? [{ path: at(systolic, 'value'), rule: 'must be higher than the diastolic pressure' }]
    : [];
};

const CHECKS: readonly (readonly [VitalsErrorCode, string, Check])[] = [
  ['VITAL_REPEATED', 'a vital sign appears twice in one set', repeated],
  ['VITAL_IMPLAUSIBLE', 'a vital sign is outside what can be measured on a person', implausible],
  ['BLOOD_PRESSURE_INCOMPLETE', 'a blood pressure needs both its systolic and diastolic values', incomplete],
  ['BLOOD_PRESSURE_INVERTED', 'the systolic pressure must be higher than the diastolic', inverted],
];

const observed = (m: MeasuredVital): Observation => {
  const { loinc, canonicalUnit } = VITALS[m.kind];
  return { kind: m.kind, loinc, value: m.value, unit: m.unit, canonicalValue: m.canonical, canonicalUnit };
};

const roundedToTenth = (n: number): number => Math.round(n * 10) / 10;

/** BMI when this set holds a weight or a height, the other coming from this set or else from the latest known. */
const bodyMassIndex = (
  measured: readonly MeasuredVital[],
  latest: { readonly weightKg?: number; readonly heightCm?: number },
): E.Either<VitalsError, readonly Observation[]> => {
  const weight = indexOf(measured, 'body-weight');
  const height = indexOf(measured, 'body-height');
  const kg = measured[weight]?.canonical ?? latest.weightKg;
  const cm = measured[height]?.canonical ?? latest.heightCm;
  if ((weight < 0 && height < 0) || kg === undefined || cm === undefined) return E.right([]);
  const { loinc, canonicalUnit, plausible } = VITALS['body-mass-index'];
  const bmi = roundedToTenth(kg / (cm / 100) ** 2);
  if (within(bmi, plausible)) {
    return E.right([{ kind: 'body-mass-index', loinc, value: bmi, unit: canonicalUnit, canonicalValue: bmi, canonicalUnit }]);
  }
  const outside = `a body mass index outside ${plausible.min}–${plausible.max} ${canonicalUnit}; check the units`;
  const problems = [
    ...(weight >= 0 ? [{ path: at(weight, 'value'), rule: `gives, with the ${height < 0 ? 'latest known ' : ''}height, ${outside}` }] : []),
    ...(height >= 0 ? [{ path: at(height, 'value'), rule: `gives, with the ${weight < 0 ? 'latest known ' : ''}weight, ${outside}` }] : []),
  ];
  return E.left(invariantViolated('VITAL_IMPLAUSIBLE', 'the weight and height together are implausible', { problems }));
};

/**
 * Checks one set of vitals taken together and derives BMI: from weight and height in this set, else
 * with the other taken from `latest` (the encounter's latest known weight/height in canonical units).
 */
export const vitalSigns = (
  measured: readonly MeasuredVital[],
  latest: { readonly weightKg?: number; readonly heightCm?: number },
): E.Either<DomainError<VitalsErrorCode>, readonly Observation[]> => {
  if (measured.length === 0) {
    return E.left(
      invariantViolated('NO_VITALS', 'a set of vital signs must hold at least one', {
        problems: [{ path: 'body.vitals', rule: 'must hold at least one vital sign' }],
      }),
    );
  }
  for (const [code, message, check] of CHECKS) {
    const problems = check(measured);
    if (problems.length > 0) return E.left(invariantViolated(code, message, { problems }));
  }
  return pipe(
    bodyMassIndex(measured, latest),
    E.map((bmi) => [...measured.map(observed), ...bmi]),
  );
};
