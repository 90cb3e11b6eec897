/**
 * Shared givens of the Encounter specs: one patient, one clinician, an encounter on 1 March 2026, two
 * small ICD-10-CM editions either side of 1 October 2025, and builders for the commands and events.
 * Pure (no node:crypto): the specs bring their own SHA-256.
 */
import * as E from 'fp-ts/lib/Either.js';
import { replay, type DomainError, type IsoDate, type IsoDateTime, type LongText, type NonEmptyText, type Uuid } from '@hcms/shared-kernel';
import { specFor } from '@hcms/shared-kernel/testing';
import { editionOf, type Icd10Cm, type Icd10CmEntry } from '../coding/icd10cm.js';
import type * as C from './encounter.commands.js';
import { encounterDecider } from './encounter.decider.js';
import type { EncounterEvent, EventOf } from './encounter.events.js';
import type { EncounterRecord } from './encounter.state.js';
import type { CptCode, Dosage, NoteSection } from './encounter.values.js';

export const given = specFor(encounterDecider);
export const stateAfter = (history: readonly EncounterEvent[]) => replay(encounterDecider, history);
/** The state of a recorded encounter, for reading its content. */
export const recordAfter = (history: readonly EncounterEvent[]): EncounterRecord & { readonly status: string } => {
  const state = stateAfter(history);
  if (state.status === 'none') throw new Error('no encounter in this history');
  return state;
};
export const refusalOf = (history: readonly EncounterEvent[], command: C.EncounterCommand): DomainError => {
  const result = given(history).when(command).result;
  if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
};
export const eventsOf = (history: readonly EncounterEvent[], command: C.EncounterCommand): readonly EncounterEvent[] => {
  const result = given(history).when(command).result;
  if (E.isLeft(result)) throw new Error(`expected events, got refusal ${result.left.code}`);
  return result.right;
};

export const text = <T extends NonEmptyText | LongText = NonEmptyText>(s: string) => s as T;
export const date = (s: string) => s as IsoDate;
export const iso = (s: string) => s as IsoDateTime;

export const PATIENT = 'patient-1';
export const OTHER_PATIENT = 'patient-2';
export const CLINICIAN = 'clinician-house';
export const OTHER_CLINICIAN = 'clinician-wilson';
export const ADMIN = 'admin-cuddy';
export const ENCOUNTER = 'encounter-1';
export const APPOINTMENT = '5d2c9a4e-8f1b-4c3d-9e6a-0b7f1c2d3e4f' as Uuid;
export const SERVICE_DATE = date('2026-03-01');
export const at = iso('2026-03-01T10:00:00.000Z');
export const later = iso('2026-03-01T11:30:00.000Z');

/** Who asks, when, and for which patient: the clinician of the encounter, unless said otherwise. */
export const by = (actorId = CLINICIAN, patientId = PATIENT) => ({ at, actorId, patientId });

// --- ICD-10-CM: FY2025 (from 2024-10-01) has S30.1XXA; FY2026 (from 2025-10-01) splits it into S30.11XA and S30.12XA.
const header = (code: string, title: string): readonly [string, Icd10CmEntry] => [code, { title, billable: false }];
const billable = (code: string, title: string): readonly [string, Icd10CmEntry] => [code, { title, billable: true }];
const common = [
  header('E11', 'Type 2 diabetes mellitus'),
  billable('E11.9', 'Type 2 diabetes mellitus without complications'),
  billable('I10', 'Essential (primary) hypertension'),
  billable('J06.9', 'Acute upper respiratory infection, unspecified'),
  header('S52.521', 'Torus fracture of lower end of right radius'),
  billable('S52.521A', 'Torus fracture of lower end of right radius, initial encounter for closed fracture'),
  billable('S52.521D', 'Torus fracture of lower end of right radius, subsequent encounter for fracture with routine healing'),
  billable('S52.521S', 'Torus fracture of lower end of right radius, sequela'),
  header('S30.1', 'Contusion of abdominal wall'),
];
export const FY2025 = editionOf('FY2025', '2024-10-01', [
  ...common,
  billable('S30.1XXA', 'Contusion of abdominal wall, initial encounter'),
]);
export const FY2026 = editionOf('FY2026', '2025-10-01', [
  ...common,
  billable('S30.11XA', 'Contusion of abdominal wall, initial encounter'),
  billable('S30.12XA', 'Contusion of groin, initial encounter'),
]);
export const codes: Icd10Cm = { editions: [FY2025, FY2026] };
export const TITLES = {
  'E11.9': 'Type 2 diabetes mellitus without complications',
  I10: 'Essential (primary) hypertension',
  'J06.9': 'Acute upper respiratory infection, unspecified',
} as const;

// --- Events.
export const openedOn = (
  dateOfService: IsoDate,
  origin: EventOf<'EncounterOpened'>['data']['origin'] = { kind: 'walk-in' },
): EncounterEvent => ({
  type: 'EncounterOpened',
  data: { encounterId: ENCOUNTER, patientId: PATIENT, clinicianId: CLINICIAN, dateOfService, origin, openedAt: at },
});
export const opened = openedOn(SERVICE_DATE);
export const openedFromAppointment = openedOn(SERVICE_DATE, { kind: 'appointment', appointmentId: APPOINTMENT });
export const written = (section: NoteSection, note: string): EncounterEvent => ({
  type: 'NoteSectionWritten',
  data: { section, text: text<LongText>(note), writtenAt: at },
});
export const diagnosed = (diagnosisId: string, code: keyof typeof TITLES, primary: boolean): EncounterEvent => ({
  type: 'DiagnosisAdded',
  data: { diagnosisId, code, title: TITLES[code], edition: 'FY2026', primary, addedAt: at },
});
export const promoted = (diagnosisId: string, code: keyof typeof TITLES): EncounterEvent => ({
  type: 'DiagnosisPromoted',
  data: { diagnosisId, entryId: `entry-of-${diagnosisId}`, code, title: TITLES[code], onsetDate: SERVICE_DATE, promotedAt: at },
});

// --- Prescriptions.
export const sevenDays: Dosage = {
  dose: { value: 500, unit: 'mg' } as Dosage['dose'],
  route: 'oral',
  frequency: 'three-times-daily',
  duration: { value: 7, unit: 'd' } as NonNullable<Dosage['duration']>,
};
export const penicillinAllergy: C.AllergyFacts = { status: 'known', allergies: [{ allergyId: 'allergy-1', substance: 'Penicillin' }] };
export const noAllergies: C.AllergyFacts = { status: 'known', allergies: [] };
export const order = (prescriptionId: string, medication: string, overrides: Partial<C.PrescriptionOrder> = {}): C.PrescriptionOrder => ({
  prescriptionId,
  medication: text(medication),
  dosage: sevenDays,
  allergies: noAllergies,
  ...overrides,
});
export const prescribe = (o: C.PrescriptionOrder, actor = by()): C.Prescribe => ({ type: 'Prescribe', ...actor, ...o });
export const prescribed = (prescriptionId: string, medication: string): EncounterEvent => ({
  type: 'MedicationPrescribed',
  data: {
    prescriptionId,
    medication: text(medication),
    dosage: sevenDays,
    startDate: SERVICE_DATE,
    endDate: date('2026-03-07'),
    allergyCheck: { status: 'clear' },
    prescribedAt: at,
  },
});

// --- Signing.
export const sign = (digest: C.Digest, actorId = CLINICIAN, procedures: readonly string[] = ['93000']): C.SignEncounter => ({
  type: 'SignEncounter',
  ...by(actorId),
  evaluationAndManagement: '99213',
  procedures: procedures as readonly CptCode[],
  digest,
});

/** A full encounter, ready to sign: note, vitals, two diagnoses (the first primary), a prescription, a lab order and a plan item. */
export const readyToSign: readonly EncounterEvent[] = [
  opened,
  written('subjective', 'Sore throat for three days, no fever.'),
  written('assessment', 'Viral upper respiratory infection.'),
  {
    type: 'VitalsRecorded',
    data: {
      vitalsId: 'vitals-1',
      takenAt: at,
      observations: [{ kind: 'heart-rate', loinc: '8867-4', value: 72, unit: '/min', canonicalValue: 72, canonicalUnit: '/min' }],
      recordedAt: at,
    },
  },
  diagnosed('dx-uri', 'J06.9', true),
  diagnosed('dx-htn', 'I10', false),
  prescribed('rx-1', 'Paracetamol 500 mg'),
  {
    type: 'LabOrdered',
    data: {
      labOrderId: 'lab-1',
      encounterId: ENCOUNTER,
      patientId: PATIENT,
      clinicianId: CLINICIAN,
      tests: [{ code: '1988-5', display: 'C reactive protein, serum or plasma' }],
      priority: 'routine',
      orderedAt: at,
    },
  },
  {
    type: 'PlanItemAdded',
    data: { itemId: 'plan-1', description: text<LongText>('Review in one week'), addedAt: at, dueDate: date('2026-03-08') },
  },
];

/** Every command that changes an in-progress encounter, addressed by its clinician. */
export const changeCommands = (digest: C.Digest): readonly (readonly [string, C.EncounterCommand])[] => [
  ['a note section', { type: 'WriteNoteSection', ...by(), section: 'plan', text: text<LongText>('Rest and fluids.') }],
  [
    'vitals',
    {
      type: 'RecordVitals',
      ...by(),
      vitalsId: 'vitals-2',
      takenAt: at,
      measured: [{ kind: 'heart-rate', value: 80, unit: '/min', canonical: 80 }],
    },
  ],
  ['a new diagnosis', { type: 'AddDiagnosis', ...by(), diagnosisId: 'dx-new', code: 'E11.9', codes }],
  ['removing a diagnosis', { type: 'RemoveDiagnosis', ...by(), diagnosisId: 'dx-htn' }],
  ['choosing the primary diagnosis', { type: 'ChoosePrimaryDiagnosis', ...by(), diagnosisId: 'dx-htn' }],
  ['promoting a diagnosis', { type: 'PromoteDiagnosis', ...by(), diagnosisId: 'dx-htn', entryId: 'entry-1' }],
  ['a prescription', prescribe(order('rx-new', 'Ibuprofen 400 mg'))],
  ['discontinuing a prescription', { type: 'DiscontinuePrescription', ...by(), prescriptionId: 'rx-1', reason: text('No longer needed') }],
  [
    'replacing a prescription',
    {
      type: 'ReplacePrescription',
      ...by(),
      prescriptionId: 'rx-1',
      reason: text('Dose change'),
      replacement: order('rx-new', 'Ibuprofen 200 mg'),
    },
  ],
  [
    'a lab order',
    {
      type: 'OrderLab',
      ...by(),
      labOrderId: 'lab-2',
      tests: [{ code: '2345-7', display: 'Glucose, serum or plasma' }],
      priority: 'routine',
    },
  ],
  ['a plan item', { type: 'AddPlanItem', ...by(), itemId: 'plan-2', description: text<LongText>('Gargle with salt water') }],
  ['signing again', sign(digest)],
];
