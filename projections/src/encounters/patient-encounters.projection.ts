import { toDomainEvent } from '@hcms/shared-kernel';
import { encounterEvents, type EncounterEvent, type EventOf } from '@hcms/consultations/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';
import type { EncounterStatus, LabOrderView } from './encounter-detail.projection.js';

type Data<T extends EncounterEvent['type']> = EventOf<T>['data'];
type Observation = Data<'VitalsRecorded'>['observations'][number];

/** How many readings of each kind of vital sign a chart shows (the latest). */
export const VITALS_PER_KIND = 20;

export interface VitalReading extends Observation {
  readonly takenAt: string;
  readonly vitalsId: string;
}

export interface ActiveMedication {
  readonly prescriptionId: string;
  readonly medication: string;
  readonly dosage: Data<'MedicationPrescribed'>['dosage'];
  readonly startDate: string;
  readonly endDate?: string;
  readonly prescribedAt: string;
  readonly replaces?: string;
}

export interface PromotedProblem {
  readonly diagnosisId: string;
  readonly entryId: string;
  readonly code: string;
  readonly title: string;
  readonly onsetDate: string;
  readonly promotedAt: string;
}

/**
 * One encounter as a patient's chart counts it: what it adds to the patient's medications, vitals,
 * pending orders and problem list. One document per encounter (the runner guards each document by
 * its stream's version), found by `patientId`; a patient's chart is all of theirs together. An
 * encounter entered in error adds nothing but its line in the list.
 */
export interface EncounterSummary {
  readonly encounterId: string;
  readonly patientId: string;
  readonly clinicianId: string;
  readonly dateOfService: string;
  readonly openedAt: string;
  readonly status: EncounterStatus;
  readonly signedAt?: string;
  readonly diagnoses: readonly { readonly diagnosisId: string; readonly code: string; readonly title: string; readonly primary: boolean }[];
  /** Prescribed here and not discontinued (nor replaced). */
  readonly medications: readonly ActiveMedication[];
  /** The latest `VITALS_PER_KIND` readings of each kind taken here, oldest first. */
  readonly vitals: readonly VitalReading[];
  readonly labOrders: readonly LabOrderView[];
  readonly problems: readonly PromotedProblem[];
}

/**
 * The latest `limit` readings of each kind, oldest first, by when they were taken (readings taken
 * at the same moment keep the order they came in).
 */
export const latestPerKind = <R extends VitalReading>(readings: readonly R[], limit = VITALS_PER_KIND): R[] => {
  const byTime = [...readings].sort((a, b) => (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : 0));
  const kept = new Map<string, number>();
  const latest: R[] = [];
  for (let i = byTime.length - 1; i >= 0; i--) {
    const reading = byTime[i];
    if (!reading || (kept.get(reading.kind) ?? 0) >= limit) continue;
    kept.set(reading.kind, (kept.get(reading.kind) ?? 0) + 1);
    latest.push(reading);
  }
  return latest.reverse();
};

const opened = (d: Data<'EncounterOpened'>): EncounterSummary => ({
  encounterId: d.encounterId,
  patientId: d.patientId,
  clinicianId: d.clinicianId,
  dateOfService: d.dateOfService,
  openedAt: d.openedAt,
  status: 'in-progress',
  diagnoses: [],
  medications: [],
  vitals: [],
  labOrders: [],
  problems: [],
});

export const evolveEncounterSummary = (doc: EncounterSummary | null, e: EncounterEvent): EncounterSummary | null => {
  if (e.type === 'EncounterOpened') return opened(e.data);
  if (doc === null) return null;
  switch (e.type) {
    case 'VitalsRecorded': {
      const { vitalsId, takenAt, observations } = e.data;
      return { ...doc, vitals: latestPerKind([...doc.vitals, ...observations.map((o) => ({ ...o, takenAt, vitalsId }))]) };
    }
    case 'DiagnosisAdded': {
      const { diagnosisId, code, title, primary } = e.data;
      return { ...doc, diagnoses: [...doc.diagnoses, { diagnosisId, code, title, primary }] };
    }
    case 'DiagnosisRemoved':
      return { ...doc, diagnoses: doc.diagnoses.filter((dx) => dx.diagnosisId !== e.data.diagnosisId) };
    case 'PrimaryDiagnosisChosen':
      return { ...doc, diagnoses: doc.diagnoses.map((dx) => ({ ...dx, primary: dx.diagnosisId === e.data.diagnosisId })) };
    case 'DiagnosisPromoted': {
      const { diagnosisId, entryId, code, title, onsetDate, promotedAt } = e.data;
      return { ...doc, problems: [...doc.problems, { diagnosisId, entryId, code, title, onsetDate, promotedAt }] };
    }
    case 'LabOrdered': {
      const { labOrderId, tests, priority, orderedAt, note } = e.data;
      return { ...doc, labOrders: [...doc.labOrders, { labOrderId, tests, priority, orderedAt, ...(note === undefined ? {} : { note }) }] };
    }
    case 'MedicationPrescribed': {
      const { allergyCheck: _checked, ...prescribed } = e.data;
      return { ...doc, medications: [...doc.medications, prescribed] };
    }
    case 'PrescriptionDiscontinued':
      return { ...doc, medications: doc.medications.filter((m) => m.prescriptionId !== e.data.prescriptionId) };
    case 'EncounterSigned':
      return { ...doc, status: 'signed', signedAt: e.data.signedAt };
    case 'EncounterAmended':
      return { ...doc, status: 'amended' };
    // Retracted (wrong patient, duplicate): nothing of it counts in the chart any more.
    case 'EncounterEnteredInError':
      return { ...doc, status: 'entered-in-error', medications: [], vitals: [], labOrders: [], problems: [] };
    // Its patient was erased: the notes on lab orders were the clinician's words.
    case 'EncounterDetailsErased':
      return { ...doc, labOrders: doc.labOrders.map(({ note: _note, ...order }) => order) };
    // What the note says, the plan and addenda are read in the encounter itself.
    case 'NoteSectionWritten':
    case 'PlanItemAdded':
    case 'AddendumAppended':
      return doc;
  }
};

export const patientEncountersProjection: Projection<EncounterSummary> = {
  name: 'patient-encounters',
  indexes: [{ fields: ['patientId', 'dateOfService'] }],
  documentOf: documentPerStream('consultation-'),
  evolve: (doc, event) => evolveEncounterSummary(doc, toDomainEvent(encounterEvents, event)),
};
