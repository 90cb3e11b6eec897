import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { IsoDate, IsoDateTime } from '@hcms/shared-kernel';
import { addDays, addMonths } from './calendar-days.js';
import { allergyConflicts, recognised } from '../prescription/allergy-check.js';
import type { PrescriptionOrder } from './encounter.commands.js';
import type { EncounterError } from './encounter.errors.js';
import type { AllergyCheck, EventOf } from './encounter.events.js';
import { notBeforeService, refuse } from './encounter.rules.js';
import type { EncounterRecord } from './encounter.state.js';
import type { CourseDuration } from './encounter.values.js';

/** The last day of a course: a 7-day course from 1 March ends on 7 March, a 1-month one on 31 March. */
export const courseEnd = (start: IsoDate, duration: CourseDuration): IsoDate =>
  duration.unit === 'mo'
    ? addDays(addMonths(start, duration.value), -1)
    : addDays(start, duration.value * (duration.unit === 'wk' ? 7 : 1) - 1);

/**
 * The allergy check, never a silent pass: a conflict, or a check that could not run, refuses the
 * prescription unless the prescriber gives a reason, which is recorded with what the check said.
 */
export const checkAllergies = (order: PrescriptionOrder): E.Either<EncounterError, AllergyCheck> => {
  const reason = order.overrideReason;
  if (order.allergies.status === 'unavailable') {
    const cause = order.allergies.cause;
    return reason === undefined
      ? E.left(
          refuse('ALLERGY_CHECK_UNAVAILABLE', 'the allergy check could not run: retry, or prescribe with an overrideReason', {
            details: { cause },
          }),
        )
      : E.right({ status: 'not-run', cause, overrideReason: reason });
  }
  const { allergies } = order.allergies;
  const conflicts = allergyConflicts(order.medication, allergies);
  // A medication the drug table does not know was compared by name only: its class could not be checked.
  if (conflicts.length === 0 && allergies.length > 0 && !recognised(order.medication)) {
    const cause = 'the medication is not in the drug-class table: it was compared with the allergies by name only';
    return reason === undefined
      ? E.left(
          refuse(
            'ALLERGY_CHECK_UNAVAILABLE',
            'the allergy check could not run in full: check by hand, then prescribe with an overrideReason',
            { details: { cause } },
          ),
        )
      : E.right({ status: 'not-run', cause, overrideReason: reason });
  }
  if (conflicts.length === 0) return E.right({ status: 'clear' });
  return reason === undefined
    ? E.left(
        refuse('ALLERGY_CONFLICT', 'the medication conflicts with an active allergy: choose another, or prescribe with an overrideReason', {
          details: { conflicts: conflicts.map((c) => ({ ...c })) },
        }),
      )
    : E.right({ status: 'overridden', conflicts: conflicts.map((c) => ({ ...c })), overrideReason: reason });
};

/** A new prescription (replacing `replaces`, when given) as the encounter would record it. */
export const prescriptionEvent = (
  order: PrescriptionOrder,
  r: EncounterRecord,
  at: IsoDateTime,
  replaces?: string,
): E.Either<EncounterError, EventOf<'MedicationPrescribed'>> => {
  const { dosage } = order;
  if (r.prescriptions[order.prescriptionId] || order.prescriptionId === replaces)
    return E.left(refuse('ALREADY_RECORDED', 'this prescription id is taken'));
  if (dosage.duration === undefined && dosage.asNeededFor === undefined)
    return E.left(
      refuse('DOSAGE_INCOMPLETE', 'a dosage needs a duration, or the reason it is taken as needed', {
        problems: [{ path: 'body.dosage', rule: 'must have duration or asNeededFor' }],
      }),
    );
  const startDate = order.startDate ?? r.dateOfService;
  return pipe(
    notBeforeService(startDate, r, 'body.startDate'),
    E.chain(() => checkAllergies(order)),
    E.map((allergyCheck) => ({
      type: 'MedicationPrescribed' as const,
      data: {
        prescriptionId: order.prescriptionId,
        medication: order.medication,
        dosage,
        startDate,
        allergyCheck,
        prescribedAt: at,
        ...(dosage.duration === undefined ? {} : { endDate: courseEnd(startDate, dosage.duration) }),
        ...(replaces === undefined ? {} : { replaces }),
      },
    })),
  );
};
