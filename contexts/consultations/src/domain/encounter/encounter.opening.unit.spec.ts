import { expect } from 'chai';
import type { LongText } from '@hcms/shared-kernel';
import type { MeasuredVital } from '../vitals/vital-signs.js';
import type { OpenEncounter } from './encounter.commands.js';
import type { EncounterEvent } from './encounter.events.js';
import {
  APPOINTMENT,
  by,
  date,
  given,
  iso,
  opened,
  openedFromAppointment,
  OTHER_PATIENT,
  PATIENT,
  refusalOf,
  ENCOUNTER,
  SERVICE_DATE,
  text,
  written,
} from './encounter.fixtures.js';

const walkIn: OpenEncounter = {
  type: 'OpenEncounter',
  ...by(),
  encounterId: ENCOUNTER,
  dateOfService: SERVICE_DATE,
  origin: { kind: 'walk-in' },
  patient: 'active',
};
const fromAppointment: OpenEncounter = {
  ...walkIn,
  origin: { kind: 'appointment', appointmentId: APPOINTMENT },
  appointment: { patientId: PATIENT, status: 'checked-in' },
};

const LB_TO_KG = 0.45359237;
const vital = (kind: MeasuredVital['kind'], value: number, unit: string, canonical = value): MeasuredVital => ({
  kind,
  value,
  unit,
  canonical,
});
const recordVitals = (vitalsId: string, ...measured: MeasuredVital[]) =>
  ({ type: 'RecordVitals', ...by(), vitalsId, takenAt: by().at, measured }) as const;
const heightOf180: EncounterEvent = {
  type: 'VitalsRecorded',
  data: {
    vitalsId: 'vitals-1',
    takenAt: by().at,
    observations: [{ kind: 'body-height', loinc: '8302-2', value: 180, unit: 'cm', canonicalValue: 180, canonicalUnit: 'cm' }],
    recordedAt: by().at,
  },
};
const bmi = (value: number) =>
  ({ kind: 'body-mass-index', loinc: '39156-5', value, unit: 'kg/m2', canonicalValue: value, canonicalUnit: 'kg/m2' }) as const;

describe('Encounter', () => {
  describe('when opened', () => {
    it('opens a walk-in encounter held by the clinician who opens it', () => given([]).when(walkIn).then([opened]));
    it('keeps the reason for the visit', () =>
      given([])
        .when({ ...walkIn, reasonForVisit: text<LongText>('Sore throat') })
        .then([{ type: 'EncounterOpened', data: { ...opened.data, reasonForVisit: text<LongText>('Sore throat') } } as EncounterEvent]));
    it('opens an encounter from a checked-in appointment', () => given([]).when(fromAppointment).then([openedFromAppointment]));
    it('refuses an appointment the patient has not checked in to with 409 APPOINTMENT_NOT_CHECKED_IN', () =>
      expect(refusalOf([], { ...fromAppointment, appointment: { patientId: PATIENT, status: 'scheduled' } })).to.deep.include({
        kind: 'conflict',
        code: 'APPOINTMENT_NOT_CHECKED_IN',
        details: { status: 'scheduled' },
      }));
    it('refuses an unknown appointment with 404 APPOINTMENT_NOT_FOUND', () =>
      expect(refusalOf([], { ...walkIn, origin: fromAppointment.origin })).to.include({
        kind: 'not-found',
        code: 'APPOINTMENT_NOT_FOUND',
      }));
    it('refuses another patient’s appointment as not found', () =>
      given([])
        .when({ ...fromAppointment, appointment: { patientId: OTHER_PATIENT, status: 'checked-in' } })
        .thenFails('APPOINTMENT_NOT_FOUND'));
    it('refuses an unknown patient with 404 PATIENT_NOT_FOUND', () =>
      expect(refusalOf([], { ...walkIn, patient: 'unknown' })).to.include({ kind: 'not-found', code: 'PATIENT_NOT_FOUND' }));
    it('refuses an erased patient with 410 PATIENT_ERASED', () =>
      expect(refusalOf([], { ...walkIn, patient: 'erased' })).to.include({ kind: 'gone', code: 'PATIENT_ERASED' }));
    it('refuses a deactivated patient with 409 PATIENT_INACTIVE', () =>
      expect(refusalOf([], { ...walkIn, patient: 'inactive' })).to.include({ kind: 'conflict', code: 'PATIENT_INACTIVE' }));
    it('refuses a deceased patient with 409 PATIENT_INACTIVE', () =>
      given([])
        .when({ ...walkIn, patient: 'deceased' })
        .thenFails('PATIENT_INACTIVE'));
    it('refuses a date of service that is in the future everywhere', () =>
      expect(refusalOf([], { ...walkIn, dateOfService: date('2026-03-03') })).to.deep.include({
        code: 'DATE_IN_FUTURE',
        problems: [{ path: 'body.dateOfService', rule: 'must not be in the future' }],
      }));
    it('accepts a date of service that is already today somewhere (UTC+14)', () =>
      given([])
        .when({ ...walkIn, dateOfService: date('2026-03-02') })
        .then([{ type: 'EncounterOpened', data: { ...opened.data, dateOfService: date('2026-03-02') } } as EncounterEvent]));
    it('refuses to open the same encounter twice with 409 ENCOUNTER_ALREADY_OPEN', () =>
      expect(refusalOf([opened], walkIn)).to.include({ kind: 'conflict', code: 'ENCOUNTER_ALREADY_OPEN' }));
  });

  describe('when it is not this patient’s', () => {
    it('answers 404 ENCOUNTER_NOT_FOUND to a command naming another patient', () =>
      expect(
        refusalOf([opened], { type: 'WriteNoteSection', ...by(undefined, OTHER_PATIENT), section: 'plan', text: text<LongText>('x') }),
      ).to.include({ kind: 'not-found', code: 'ENCOUNTER_NOT_FOUND' }));
    it('answers 404 ENCOUNTER_NOT_FOUND before the encounter is opened', () =>
      given([])
        .when({ type: 'WriteNoteSection', ...by(), section: 'plan', text: text<LongText>('x') })
        .thenFails('ENCOUNTER_NOT_FOUND'));
  });

  describe('when a SOAP note section is written', () => {
    const write = (section: 'subjective' | 'plan', note: string) =>
      ({ type: 'WriteNoteSection', ...by(), section, text: text<LongText>(note) }) as const;
    it('records the section’s text', () =>
      given([opened])
        .when(write('subjective', 'Cough'))
        .then([written('subjective', 'Cough')]));
    it('replaces what the section said before', () =>
      given([opened, written('subjective', 'Cough')])
        .when(write('subjective', 'Cough and fever'))
        .then([written('subjective', 'Cough and fever')]));
    it('records nothing when the text is unchanged', () =>
      given([opened, written('plan', 'Rest')])
        .when(write('plan', 'Rest'))
        .then([]));
  });

  describe('when vitals are recorded', () => {
    it('derives BMI from a weight entered in [lb_av] (converted to kg) and a height in the same set', () => {
      const pounds = vital('body-weight', 176, '[lb_av]', 176 * LB_TO_KG);
      given([opened])
        .when(recordVitals('vitals-1', pounds, vital('body-height', 180, 'cm')))
        .then([
          {
            type: 'VitalsRecorded',
            data: {
              vitalsId: 'vitals-1',
              takenAt: by().at,
              observations: [
                { kind: 'body-weight', loinc: '29463-7', value: 176, unit: '[lb_av]', canonicalValue: 176 * LB_TO_KG, canonicalUnit: 'kg' },
                { kind: 'body-height', loinc: '8302-2', value: 180, unit: 'cm', canonicalValue: 180, canonicalUnit: 'cm' },
                bmi(24.6),
              ],
              recordedAt: by().at,
            },
          },
        ]);
    });
    it('derives BMI from a weight and the height recorded earlier in the encounter', () =>
      given([opened, heightOf180])
        .when(recordVitals('vitals-2', vital('body-weight', 80, 'kg')))
        .then([
          {
            type: 'VitalsRecorded',
            data: {
              vitalsId: 'vitals-2',
              takenAt: by().at,
              observations: [
                { kind: 'body-weight', loinc: '29463-7', value: 80, unit: 'kg', canonicalValue: 80, canonicalUnit: 'kg' },
                bmi(24.7),
              ],
              recordedAt: by().at,
            },
          },
        ]));
    it('refuses an implausible value with 422 VITAL_IMPLAUSIBLE', () =>
      expect(refusalOf([opened], recordVitals('vitals-1', vital('heart-rate', 720, '/min')))).to.deep.include({
        kind: 'invariant',
        code: 'VITAL_IMPLAUSIBLE',
        problems: [{ path: 'body.vitals.0.value', rule: 'must be between 20 and 300 /min; check the unit' }],
      }));
    it('refuses a weight that makes an impossible BMI with the height recorded earlier', () =>
      given([opened, heightOf180])
        .when(recordVitals('vitals-2', vital('body-weight', 5, 'kg')))
        .thenFails('VITAL_IMPLAUSIBLE'));
    it('refuses vitals taken in the future', () =>
      given([opened])
        .when({ ...recordVitals('vitals-1', vital('heart-rate', 72, '/min')), takenAt: iso('2026-03-05T08:00:00.000Z') })
        .thenFails('DATE_IN_FUTURE'));
  });

  describe('when labs are ordered', () => {
    const DISPLAYS: Record<string, string> = {
      '58410-2': 'Complete blood count (hemogram) panel, blood, automated',
      '4548-4': 'Hemoglobin A1c/Hemoglobin.total in blood',
    };
    const orderLab = (...codes: string[]) =>
      ({
        type: 'OrderLab',
        ...by(),
        labOrderId: 'lab-1',
        tests: codes.map((code) => ({ code, display: DISPLAYS[code] ?? code })),
        priority: 'urgent',
      }) as const;
    it('orders the tests with their catalogue displays, for Laboratory', () =>
      given([opened])
        .when(orderLab('58410-2', '4548-4'))
        .then([
          {
            type: 'LabOrdered',
            data: {
              labOrderId: 'lab-1',
              encounterId: ENCOUNTER,
              patientId: PATIENT,
              clinicianId: by().actorId,
              tests: [
                { code: '58410-2', display: 'Complete blood count (hemogram) panel, blood, automated' },
                { code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in blood' },
              ],
              priority: 'urgent',
              orderedAt: by().at,
            },
          },
        ]));
    it('refuses a test ordered twice with 422 DUPLICATE_TEST, naming the repeat', () =>
      expect(refusalOf([opened], orderLab('58410-2', '4548-4', '58410-2'))).to.deep.include({
        kind: 'invariant',
        code: 'DUPLICATE_TEST',
        problems: [{ path: 'body.tests.2', rule: 'must not repeat a test' }],
      }));
  });

  describe('when a plan item is added', () => {
    const planItem = (dueDate?: string) =>
      ({
        type: 'AddPlanItem',
        ...by(),
        itemId: 'plan-1',
        description: text<LongText>('Review'),
        ...(dueDate ? { dueDate: date(dueDate) } : {}),
      }) as const;
    it('adds it without a due date', () =>
      given([opened])
        .when(planItem())
        .then([{ type: 'PlanItemAdded', data: { itemId: 'plan-1', description: text<LongText>('Review'), addedAt: by().at } }]));
    it('adds it due on the date of service', () =>
      given([opened])
        .when(planItem('2026-03-01'))
        .then([
          {
            type: 'PlanItemAdded',
            data: { itemId: 'plan-1', description: text<LongText>('Review'), addedAt: by().at, dueDate: SERVICE_DATE },
          },
        ]));
    it('refuses a due date before the date of service with 422 DATE_BEFORE_SERVICE', () =>
      expect(refusalOf([opened], planItem('2026-02-28'))).to.deep.include({
        kind: 'invariant',
        code: 'DATE_BEFORE_SERVICE',
        problems: [{ path: 'body.dueDate', rule: 'must be on or after the date of service, 2026-03-01' }],
      }));
  });
});
