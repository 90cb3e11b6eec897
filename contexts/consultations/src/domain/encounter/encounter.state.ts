import { absurd } from 'fp-ts/lib/function.js';
import { ERASED_TEXT, type LongText, type NonEmptyText } from '@hcms/shared-kernel';
import type { IsoDate } from '@hcms/shared-kernel';
import type { EncounterEvent, EventOf } from './encounter.events.js';
import type { BillableService, Dosage, EncounterOrigin, LabPriority, NoteSection } from './encounter.values.js';

type Data<T extends EncounterEvent['type']> = EventOf<T>['data'];

export interface DiagnosisState {
  readonly code: string;
  readonly title: string;
  readonly edition: string;
  readonly primary: boolean;
  readonly promoted: boolean;
  /** The medical-history entry it becomes once the encounter is signed. */
  readonly entryId?: string;
}

export interface PrescriptionState {
  readonly medication: string;
  readonly dosage: Dosage;
  readonly startDate: IsoDate;
  readonly endDate?: IsoDate;
  readonly allergyCheck: Data<'MedicationPrescribed'>['allergyCheck'];
  readonly replaces?: string;
  readonly discontinued?: { readonly reason: string; readonly at: string; readonly replacedBy?: string };
}

/** Everything the encounter records: what its decisions need and what its signature covers. */
export interface EncounterRecord {
  readonly encounterId: string;
  readonly patientId: string;
  readonly clinicianId: string;
  readonly dateOfService: IsoDate;
  readonly origin: EncounterOrigin;
  readonly reasonForVisit?: string;
  readonly note: Readonly<Record<NoteSection, string>>;
  readonly vitals: readonly Data<'VitalsRecorded'>[];
  /** In the order they were added. */
  readonly diagnoses: Readonly<Record<string, DiagnosisState>>;
  readonly planItems: readonly Data<'PlanItemAdded'>[];
  readonly labOrders: readonly {
    readonly labOrderId: string;
    readonly tests: readonly string[];
    readonly priority: LabPriority;
    readonly note?: string;
  }[];
  readonly prescriptions: Readonly<Record<string, PrescriptionState>>;
  readonly services: readonly BillableService[];
  /** 1 once signed; each amendment adds one. */
  readonly version: number;
  /** Its patient was erased: the free text above is stand-ins, and nothing more is recorded. */
  readonly erased?: true;
}

export type Retractable = 'in-progress' | 'signed' | 'amended';

export type EncounterState =
  | { readonly status: 'none' }
  | (EncounterRecord & { readonly status: Retractable })
  | (EncounterRecord & { readonly status: 'entered-in-error' });

export const initialState: EncounterState = { status: 'none' };

const EMPTY_NOTE: Readonly<Record<NoteSection, string>> = { subjective: '', objective: '', assessment: '', plan: '' };

const opened = (d: Data<'EncounterOpened'>): EncounterState => ({
  status: 'in-progress',
  encounterId: d.encounterId,
  patientId: d.patientId,
  clinicianId: d.clinicianId,
  dateOfService: d.dateOfService,
  origin: d.origin,
  ...(d.reasonForVisit === undefined ? {} : { reasonForVisit: d.reasonForVisit }),
  note: EMPTY_NOTE,
  vitals: [],
  diagnoses: {},
  planItems: [],
  labOrders: [],
  prescriptions: {},
  services: [],
  version: 0,
});

const withDiagnosis = (s: EncounterRecord, id: string, change: (d: DiagnosisState) => DiagnosisState): EncounterRecord['diagnoses'] => {
  const diagnosis = s.diagnoses[id];
  return diagnosis ? { ...s.diagnoses, [id]: change(diagnosis) } : s.diagnoses;
};

const ERASED = ERASED_TEXT as LongText & NonEmptyText;

/** The record without the words of the patient's clinicians: what stands in for them once the patient is erased. */
export const forgotten = <R extends EncounterRecord>(r: R): R => {
  const { reasonForVisit: _reason, ...rest } = r;
  return {
    ...(rest as R),
    note: { subjective: ERASED, objective: ERASED, assessment: ERASED, plan: ERASED },
    planItems: r.planItems.map((item) => ({ ...item, description: ERASED })),
    labOrders: r.labOrders.map(({ note: _note, ...order }) => order),
    prescriptions: Object.fromEntries(
      Object.entries(r.prescriptions).map(([id, p]) => [
        id,
        {
          ...p,
          // As the log reads once the key is gone: what the check found names the patient's allergies.
          allergyCheck: { status: 'erased' as const },
          ...(p.discontinued ? { discontinued: { ...p.discontinued, reason: ERASED } } : {}),
        },
      ]),
    ),
  };
};

const without = <V>(record: Readonly<Record<string, V>>, key: string): Readonly<Record<string, V>> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

export const evolve = (state: EncounterState, event: EncounterEvent): EncounterState => {
  if (event.type === 'EncounterOpened') return opened(event.data);
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'NoteSectionWritten':
      return { ...state, note: { ...state.note, [event.data.section]: event.data.text } };
    case 'VitalsRecorded':
      return { ...state, vitals: [...state.vitals, event.data] };
    case 'DiagnosisAdded': {
      const { diagnosisId, code, title, edition, primary } = event.data;
      return { ...state, diagnoses: { ...state.diagnoses, [diagnosisId]: { code, title, edition, primary, promoted: false } } };
    }
    case 'DiagnosisRemoved':
      return { ...state, diagnoses: without(state.diagnoses, event.data.diagnosisId) };
    case 'PrimaryDiagnosisChosen': {
      const chosen = event.data.diagnosisId;
      const diagnoses = Object.fromEntries(Object.entries(state.diagnoses).map(([id, dx]) => [id, { ...dx, primary: id === chosen }]));
      return { ...state, diagnoses };
    }
    case 'DiagnosisPromoted':
      return {
        ...state,
        diagnoses: withDiagnosis(state, event.data.diagnosisId, (dx) => ({ ...dx, promoted: true, entryId: event.data.entryId })),
      };
    case 'PlanItemAdded':
      return { ...state, planItems: [...state.planItems, event.data] };
    case 'LabOrdered': {
      const { labOrderId, tests, priority, note } = event.data;
      return {
        ...state,
        labOrders: [...state.labOrders, { labOrderId, tests: tests.map((t) => t.code), priority, ...(note === undefined ? {} : { note }) }],
      };
    }
    case 'MedicationPrescribed': {
      const { prescriptionId, medication, dosage, startDate, endDate, allergyCheck, replaces } = event.data;
      const prescription: PrescriptionState = {
        medication,
        dosage,
        startDate,
        allergyCheck,
        ...(endDate === undefined ? {} : { endDate }),
        ...(replaces === undefined ? {} : { replaces }),
      };
      return { ...state, prescriptions: { ...state.prescriptions, [prescriptionId]: prescription } };
    }
    case 'PrescriptionDiscontinued': {
      const { prescriptionId, reason, discontinuedAt, replacedBy } = event.data;
      const prescription = state.prescriptions[prescriptionId];
      if (!prescription) return state;
      const discontinued = { reason, at: discontinuedAt, ...(replacedBy === undefined ? {} : { replacedBy }) };
      return { ...state, prescriptions: { ...state.prescriptions, [prescriptionId]: { ...prescription, discontinued } } };
    }
    case 'EncounterSigned':
      return { ...state, status: 'signed', services: event.data.services, version: 1 };
    case 'AddendumAppended':
      return state;
    case 'EncounterAmended':
      return { ...state, status: 'amended', note: { ...state.note, ...event.data.sections }, version: event.data.version };
    case 'EncounterEnteredInError':
      return { ...state, status: 'entered-in-error' };
    case 'EncounterDetailsErased':
      return { ...forgotten(state), erased: true };
    default:
      return absurd(event);
  }
};
