import * as E from 'fp-ts/lib/Either.js';
import { invariantViolated, type DomainError, type Problem } from '@hcms/shared-kernel';
import type { PrescriptionOrder } from '../domain/encounter/encounter.commands.js';
import type { Dosage } from '../domain/encounter/encounter.values.js';
import { VITALS, type MeasuredVital, type VitalKind } from '../domain/vitals/vital-signs.js';
import type { ConsultationsDeps, Units } from './consultations.deps.js';

/** Well-formed, but not a unit UCUM knows for this: 422, like every check against reference data. */
const invalid = (problems: readonly Problem[]): DomainError =>
  invariantViolated('INVALID_UNIT', `invalid body: ${problems.map((p) => `${p.path} ${p.rule}`).join('; ')}`, { problems });

/** Each vital in its canonical unit, converted by UCUM; a unit UCUM does not know, or of another kind, names its entry. */
export const measuredVitals = (
  units: Units,
  vitals: readonly { readonly kind: VitalKind; readonly value: number; readonly unit: string }[],
): E.Either<DomainError, MeasuredVital[]> => {
  const problems: Problem[] = [];
  const measured = vitals.map((v, i) => {
    const canonical = units.convert(v.value, v.unit, VITALS[v.kind].canonicalUnit);
    if (E.isLeft(canonical)) problems.push({ path: `body.vitals.${i}.unit`, rule: canonical.left.rule });
    return { ...v, canonical: E.isRight(canonical) ? canonical.right : 0 };
  });
  return problems.length > 0 ? E.left(invalid(problems)) : E.right(measured);
};

/** A dose's unit must be one UCUM knows (mg, mL, [iU], {tablet}). */
export const doseUnitKnown = (units: Units, dosage: Dosage, path: string): E.Either<DomainError, Dosage> => {
  const checked = units.known(dosage.dose.unit);
  return E.isLeft(checked) ? E.left(invalid([{ path: `${path}.dose.unit`, rule: checked.left.rule }])) : E.right(dosage);
};

/** A prescription as the decider checks it: the dose's unit known, and the patient's allergies as Patients last said. */
export const prescriptionOrder = async (
  deps: ConsultationsDeps,
  patientId: string,
  prescriptionId: string,
  body: Omit<PrescriptionOrder, 'prescriptionId' | 'allergies'>,
  path: string,
): Promise<E.Either<DomainError, PrescriptionOrder>> => {
  const known = doseUnitKnown(deps.units, body.dosage, path);
  if (E.isLeft(known)) return known;
  const allergies = await deps.references.activeAllergiesOf(patientId);
  return E.right({ ...body, prescriptionId, allergies });
};
