import { expect } from 'chai';
import type { PrescriptionOrder, ReplacePrescription } from './encounter.commands.js';
import type { EncounterEvent, EventOf } from './encounter.events.js';
import type { Dosage } from './encounter.values.js';
import {
  by,
  date,
  eventsOf,
  given,
  noAllergies,
  opened,
  order,
  penicillinAllergy,
  prescribe,
  prescribed,
  refusalOf,
  SERVICE_DATE,
  sevenDays,
  text,
} from './encounter.fixtures.js';

const amoxicillin = (overrides: Partial<PrescriptionOrder> = {}) =>
  order('rx-amox', 'Amoxicillin 500 mg', { allergies: penicillinAllergy, ...overrides });
const penicillinConflict = { allergyId: 'allergy-1', substance: 'Penicillin', matchedBy: 'drug-class', drugClass: 'penicillins' } as const;
const prescribedData = (o: PrescriptionOrder): EventOf<'MedicationPrescribed'>['data'] => {
  const [event] = eventsOf([opened], prescribe(o));
  if (event?.type !== 'MedicationPrescribed') throw new Error(`expected MedicationPrescribed, got ${event?.type}`);
  return event.data;
};
const lasting = (value: number, unit: 'd' | 'wk' | 'mo'): Dosage => ({
  ...sevenDays,
  duration: { value, unit } as Dosage['duration'] & object,
});

describe('Encounter', () => {
  describe('when a medication is prescribed', () => {
    describe('against a penicillin allergy', () => {
      it('refuses amoxicillin with 409 ALLERGY_CONFLICT, naming the conflict', () =>
        expect(refusalOf([opened], prescribe(amoxicillin()))).to.deep.include({
          kind: 'conflict',
          code: 'ALLERGY_CONFLICT',
          details: { conflicts: [penicillinConflict] },
        }));
      it('records it with the conflicts and the prescriber’s reason when overridden', () =>
        given([opened])
          .when(prescribe(amoxicillin({ overrideReason: text('Tolerated amoxicillin in 2024 without reaction') })))
          .then([
            {
              type: 'MedicationPrescribed',
              data: {
                prescriptionId: 'rx-amox',
                medication: text('Amoxicillin 500 mg'),
                dosage: sevenDays,
                startDate: SERVICE_DATE,
                endDate: date('2026-03-07'),
                allergyCheck: {
                  status: 'overridden',
                  conflicts: [penicillinConflict],
                  overrideReason: text('Tolerated amoxicillin in 2024 without reaction'),
                },
                prescribedAt: by().at,
              },
            },
          ]));
    });

    describe('when the drug table does not know the medication', () => {
      it('refuses with 409 ALLERGY_CHECK_UNAVAILABLE for a patient with allergies: its class could not be checked', () =>
        expect(refusalOf([opened], prescribe(order('rx-1', 'Augmentin 625 mg', { allergies: penicillinAllergy })))).to.deep.include({
          kind: 'conflict',
          code: 'ALLERGY_CHECK_UNAVAILABLE',
        }));
      it('records it as not run when the prescriber checked by hand and gives the reason', () =>
        expect(
          prescribedData(order('rx-1', 'Augmentin 625 mg', { allergies: penicillinAllergy, overrideReason: text('Pharmacist confirmed') }))
            .allergyCheck,
        ).to.deep.include({ status: 'not-run', overrideReason: 'Pharmacist confirmed' }));
      it('passes clear for a patient with no allergy: there is nothing to conflict with', () =>
        expect(prescribedData(order('rx-1', 'Augmentin 625 mg', { allergies: noAllergies })).allergyCheck).to.deep.equal({
          status: 'clear',
        }));
    });

    describe('when the allergy check cannot run', () => {
      const unavailable = { status: 'unavailable', cause: 'patient references not caught up' } as const;
      it('refuses with 409 ALLERGY_CHECK_UNAVAILABLE, giving the cause', () =>
        expect(refusalOf([opened], prescribe(order('rx-1', 'Ibuprofen 400 mg', { allergies: unavailable })))).to.deep.include({
          kind: 'conflict',
          code: 'ALLERGY_CHECK_UNAVAILABLE',
          details: { cause: 'patient references not caught up' },
        }));
      it('records it as not run, with the cause and the reason, when overridden', () =>
        expect(
          prescribedData(
            order('rx-1', 'Ibuprofen 400 mg', { allergies: unavailable, overrideReason: text('Patient confirms no allergies') }),
          ).allergyCheck,
        ).to.deep.equal({ status: 'not-run', cause: 'patient references not caught up', overrideReason: 'Patient confirms no allergies' }));
    });

    it('records a clear check when nothing conflicts', () =>
      given([opened])
        .when(prescribe(order('rx-1', 'Paracetamol 500 mg')))
        .then([prescribed('rx-1', 'Paracetamol 500 mg')]));
    it('records a clear check for a medication outside the allergy’s class', () =>
      expect(prescribedData(order('rx-1', 'Azithromycin 250 mg', { allergies: penicillinAllergy })).allergyCheck).to.deep.equal({
        status: 'clear',
      }));

    describe('with its dosage', () => {
      it('refuses a dosage with neither a duration nor a reason to take it as needed with 422 DOSAGE_INCOMPLETE', () => {
        const { duration: _none, ...openEnded } = sevenDays;
        expect(refusalOf([opened], prescribe(order('rx-1', 'Ibuprofen 400 mg', { dosage: openEnded })))).to.deep.include({
          kind: 'invariant',
          code: 'DOSAGE_INCOMPLETE',
          problems: [{ path: 'body.dosage', rule: 'must have duration or asNeededFor' }],
        });
      });
      it('accepts a dosage taken as needed, with no end date', () => {
        const { duration: _none, ...openEnded } = sevenDays;
        const data = prescribedData(order('rx-1', 'Ibuprofen 400 mg', { dosage: { ...openEnded, asNeededFor: 'pain' } }));
        expect(data).to.not.have.property('endDate');
      });
      it('ends a 7-day course from 1 March on 7 March', () =>
        expect(prescribedData(order('rx-1', 'Ibuprofen 400 mg', { dosage: lasting(7, 'd') })).endDate).to.equal('2026-03-07'));
      it('ends a 2-week course from 1 March on 14 March', () =>
        expect(prescribedData(order('rx-1', 'Ibuprofen 400 mg', { dosage: lasting(2, 'wk') })).endDate).to.equal('2026-03-14'));
      it('ends a 1-month course from 1 March on 31 March', () =>
        expect(prescribedData(order('rx-1', 'Ibuprofen 400 mg', { dosage: lasting(1, 'mo') })).endDate).to.equal('2026-03-31'));
      it('counts the course from its start date when given', () =>
        expect(prescribedData(order('rx-1', 'Ibuprofen 400 mg', { startDate: date('2026-03-10') }))).to.include({
          startDate: '2026-03-10',
          endDate: '2026-03-16',
        }));
      it('refuses a start date before the date of service with 422 DATE_BEFORE_SERVICE', () =>
        given([opened])
          .when(prescribe(order('rx-1', 'Ibuprofen 400 mg', { startDate: date('2026-02-28') })))
          .thenFails('DATE_BEFORE_SERVICE'));
    });
  });

  describe('when a prescription is discontinued', () => {
    const discontinue = { type: 'DiscontinuePrescription', ...by(), prescriptionId: 'rx-1', reason: text('Rash') } as const;
    const discontinued: EncounterEvent = {
      type: 'PrescriptionDiscontinued',
      data: { prescriptionId: 'rx-1', reason: text('Rash'), discontinuedAt: by().at },
    };
    it('stops it', () =>
      given([opened, prescribed('rx-1', 'Ibuprofen 400 mg')])
        .when(discontinue)
        .then([discontinued]));
    it('refuses to stop it twice with 409 PRESCRIPTION_NOT_ACTIVE', () =>
      expect(refusalOf([opened, prescribed('rx-1', 'Ibuprofen 400 mg'), discontinued], discontinue)).to.include({
        kind: 'conflict',
        code: 'PRESCRIPTION_NOT_ACTIVE',
      }));
    it('refuses an unknown prescription with 404 PRESCRIPTION_NOT_FOUND', () =>
      given([opened]).when(discontinue).thenFails('PRESCRIPTION_NOT_FOUND'));
  });

  describe('when a prescription is replaced', () => {
    const replace = (replacement: PrescriptionOrder): ReplacePrescription => ({
      type: 'ReplacePrescription',
      ...by(),
      prescriptionId: 'rx-1',
      reason: text('Not effective'),
      replacement,
    });
    const history = [opened, prescribed('rx-1', 'Paracetamol 500 mg')];

    it('emits PrescriptionDiscontinued with replacedBy, then MedicationPrescribed with replaces', () =>
      given(history)
        .when(replace(order('rx-2', 'Ibuprofen 400 mg', { allergies: noAllergies })))
        .then([
          {
            type: 'PrescriptionDiscontinued',
            data: { prescriptionId: 'rx-1', reason: text('Not effective'), discontinuedAt: by().at, replacedBy: 'rx-2' },
          },
          {
            type: 'MedicationPrescribed',
            data: { ...(prescribed('rx-2', 'Ibuprofen 400 mg') as EventOf<'MedicationPrescribed'>).data, replaces: 'rx-1' },
          },
        ]));
    it('checks the replacement for allergies too', () =>
      given(history)
        .when(replace(amoxicillin({ prescriptionId: 'rx-2' })))
        .thenFails('ALLERGY_CONFLICT'));
    it('records an overridden conflict on the replacement', () => {
      const [, replacement] = eventsOf(
        history,
        replace(amoxicillin({ prescriptionId: 'rx-2', overrideReason: text('Benefit outweighs risk') })),
      );
      expect(replacement?.data).to.deep.include({
        replaces: 'rx-1',
        allergyCheck: { status: 'overridden', conflicts: [penicillinConflict], overrideReason: 'Benefit outweighs risk' },
      });
    });
    it('refuses to replace a discontinued prescription with 409 PRESCRIPTION_NOT_ACTIVE', () =>
      given([
        ...history,
        { type: 'PrescriptionDiscontinued', data: { prescriptionId: 'rx-1', reason: text('Rash'), discontinuedAt: by().at } },
      ])
        .when(replace(order('rx-2', 'Ibuprofen 400 mg')))
        .thenFails('PRESCRIPTION_NOT_ACTIVE'));
  });
});
