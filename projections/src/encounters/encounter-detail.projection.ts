import { createHash } from 'node:crypto';
import { ERASED_TEXT, toDomainEvent } from '@hcms/shared-kernel';
import {
  encounterEvents,
  evolveEncounter,
  noEncounter,
  signedContent,
  type EncounterEvent,
  type EncounterState,
  type EventOf,
} from '@hcms/consultations/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

type Data<T extends EncounterEvent['type']> = EventOf<T>['data'];
type Folded = Exclude<EncounterState, { readonly status: 'none' }>;
/** Consultations' statuses of an encounter once opened (its own fold's status must be one of these). */
export type EncounterStatus = 'in-progress' | 'signed' | 'amended' | 'entered-in-error';

/**
 * Consultations' own state of the encounter, as `evolveEncounter` folds it, with its keyed maps kept
 * as entries: their order is the order of the signed content, and a read store need not keep the
 * order of an object's keys.
 */
export type StoredEncounterRecord = Omit<Folded, 'diagnoses' | 'prescriptions'> & {
  readonly diagnoses: readonly Keyed<Folded['diagnoses'][string]>[];
  readonly prescriptions: readonly Keyed<Folded['prescriptions'][string]>[];
};
/** An entry of a keyed map as a document holds it (objects, not pairs: MongoDB-wire servers may refuse nested arrays). */
interface Keyed<V> {
  readonly key: string;
  readonly value: V;
}
const keyed = <V>(map: Readonly<Record<string, V>>): Keyed<V>[] => Object.entries(map).map(([key, value]) => ({ key, value }));
const unkeyed = <V>(entries: readonly Keyed<V>[]): Record<string, V> => Object.fromEntries(entries.map((e) => [e.key, e.value]));

export interface DiagnosisView {
  readonly diagnosisId: string;
  readonly code: string;
  readonly title: string;
  readonly edition: string;
  readonly primary: boolean;
  readonly promoted: boolean;
  readonly addedAt: string;
  /** On the patient's problem list as Patients' history entry `entryId`. */
  readonly promotion?: { readonly entryId: string; readonly onsetDate: string; readonly promotedAt: string };
}

export interface PrescriptionView {
  readonly prescriptionId: string;
  readonly medication: string;
  readonly dosage: Data<'MedicationPrescribed'>['dosage'];
  readonly startDate: string;
  readonly endDate?: string;
  readonly allergyCheck: Data<'MedicationPrescribed'>['allergyCheck'];
  readonly prescribedAt: string;
  readonly replaces?: string;
  readonly discontinued?: { readonly reason: string; readonly at: string; readonly replacedBy?: string };
}

export interface LabOrderView {
  readonly labOrderId: string;
  readonly tests: Data<'LabOrdered'>['tests'];
  readonly priority: Data<'LabOrdered'>['priority'];
  readonly orderedAt: string;
  readonly note?: string;
}

/** One signed version: `content` is the text its signature covers, byte for byte (`contentHash` is its SHA-256). */
export interface SignedVersion {
  readonly version: number;
  readonly contentFormat: string;
  readonly content: string;
  readonly contentHash: string;
  /** Whether `content` hashes to `contentHash` (not once a patient's erasure replaced its words). */
  readonly contentVerified: boolean;
  readonly at: string;
  readonly by: string;
  /** Why it was amended (amendments only). */
  readonly reason?: string;
}

/** An encounter as its clinician recorded it, with every signed version readable as signed. */
export interface EncounterDetail {
  readonly encounterId: string;
  readonly patientId: string;
  readonly clinicianId: string;
  readonly status: EncounterStatus;
  readonly dateOfService: string;
  readonly origin: Data<'EncounterOpened'>['origin'];
  readonly reasonForVisit?: string;
  readonly openedAt: string;
  readonly note: Folded['note'];
  readonly vitals: Folded['vitals'];
  readonly diagnoses: readonly DiagnosisView[];
  readonly prescriptions: readonly PrescriptionView[];
  readonly planItems: Folded['planItems'];
  readonly labOrders: readonly LabOrderView[];
  readonly signature?: Omit<
    Data<'EncounterSigned'>,
    'encounterId' | 'patientId' | 'dateOfService' | 'contentHash' | 'diagnoses' | 'problems'
  >;
  readonly addenda: readonly Data<'AddendumAppended'>[];
  readonly versions: readonly SignedVersion[];
  readonly enteredInError?: { readonly reason: string; readonly at: string };
  /** Its patient was erased: the free text is stand-ins, and the signed content can no longer be shown. */
  readonly erased?: true;
  /** Not shown: what each version's content is computed from. */
  readonly record: StoredEncounterRecord;
}

const stored = (s: Folded): StoredEncounterRecord => ({
  ...s,
  diagnoses: keyed(s.diagnoses),
  prescriptions: keyed(s.prescriptions),
});

const folded = (r: StoredEncounterRecord): Folded => ({
  ...r,
  diagnoses: unkeyed(r.diagnoses),
  prescriptions: unkeyed(r.prescriptions),
});

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const version = (s: Folded, n: number, hash: string, rest: Pick<SignedVersion, 'contentFormat' | 'at' | 'by' | 'reason'>) => {
  const content = signedContent(s, n);
  return { version: n, ...rest, content, contentHash: hash, contentVerified: sha256(content) === hash };
};

const opened = (d: Data<'EncounterOpened'>, s: Folded): EncounterDetail => ({
  encounterId: d.encounterId,
  patientId: d.patientId,
  clinicianId: d.clinicianId,
  status: s.status,
  dateOfService: d.dateOfService,
  origin: d.origin,
  ...(d.reasonForVisit === undefined ? {} : { reasonForVisit: d.reasonForVisit }),
  openedAt: d.openedAt,
  note: s.note,
  vitals: [],
  diagnoses: [],
  prescriptions: [],
  planItems: [],
  labOrders: [],
  addenda: [],
  versions: [],
  record: stored(s),
});

const updateWhere = <T>(items: readonly T[], match: (t: T) => boolean, change: (t: T) => T): T[] =>
  items.map((item) => (match(item) ? change(item) : item));

/** What the event changes of the view; the record and status follow Consultations' own fold. */
const viewAfter = (doc: EncounterDetail, e: EncounterEvent, s: Folded): EncounterDetail => {
  switch (e.type) {
    case 'EncounterOpened':
      return doc;
    case 'NoteSectionWritten':
      return { ...doc, note: s.note };
    case 'VitalsRecorded':
      return { ...doc, vitals: s.vitals };
    case 'DiagnosisAdded': {
      const { diagnosisId, code, title, edition, primary, addedAt } = e.data;
      return { ...doc, diagnoses: [...doc.diagnoses, { diagnosisId, code, title, edition, primary, promoted: false, addedAt }] };
    }
    case 'DiagnosisRemoved':
      return { ...doc, diagnoses: doc.diagnoses.filter((dx) => dx.diagnosisId !== e.data.diagnosisId) };
    case 'PrimaryDiagnosisChosen':
      return { ...doc, diagnoses: doc.diagnoses.map((dx) => ({ ...dx, primary: dx.diagnosisId === e.data.diagnosisId })) };
    case 'DiagnosisPromoted': {
      const { diagnosisId, entryId, onsetDate, promotedAt } = e.data;
      const promote = (dx: DiagnosisView): DiagnosisView => ({ ...dx, promoted: true, promotion: { entryId, onsetDate, promotedAt } });
      return { ...doc, diagnoses: updateWhere(doc.diagnoses, (dx) => dx.diagnosisId === diagnosisId, promote) };
    }
    case 'PlanItemAdded':
      return { ...doc, planItems: s.planItems };
    case 'LabOrdered': {
      const { labOrderId, tests, priority, orderedAt, note } = e.data;
      return { ...doc, labOrders: [...doc.labOrders, { labOrderId, tests, priority, orderedAt, ...(note === undefined ? {} : { note }) }] };
    }
    case 'MedicationPrescribed':
      return { ...doc, prescriptions: [...doc.prescriptions, { ...e.data }] };
    case 'PrescriptionDiscontinued': {
      const { prescriptionId, reason, discontinuedAt: at, replacedBy } = e.data;
      const discontinued = { reason, at, ...(replacedBy === undefined ? {} : { replacedBy }) };
      return {
        ...doc,
        prescriptions: updateWhere(
          doc.prescriptions,
          (p) => p.prescriptionId === prescriptionId,
          (p) => ({ ...p, discontinued }),
        ),
      };
    }
    case 'EncounterSigned': {
      const { signedBy, signedAt, contentFormat, contentHash, services, appointmentId } = e.data;
      const signature = { signedBy, signedAt, contentFormat, services, ...(appointmentId === undefined ? {} : { appointmentId }) };
      return { ...doc, signature, versions: [version(s, 1, contentHash, { contentFormat, at: signedAt, by: signedBy })] };
    }
    case 'AddendumAppended':
      return { ...doc, addenda: [...doc.addenda, e.data] };
    case 'EncounterAmended': {
      const { version: n, contentHash, amendedAt: at, amendedBy: by, reason } = e.data;
      // One signature, one format: every version of an encounter is content of the same shape.
      const contentFormat = doc.signature?.contentFormat ?? doc.versions[0]?.contentFormat ?? '';
      return { ...doc, note: s.note, versions: [...doc.versions, version(s, n, contentHash, { contentFormat, at, by, reason })] };
    }
    case 'EncounterEnteredInError':
      return { ...doc, enteredInError: { reason: e.data.reason, at: e.data.at } };
    case 'EncounterDetailsErased':
      return erasedView(doc, s);
  }
};

/**
 * Its patient was erased: every word their clinicians wrote gives way to a stand-in, here as in the
 * log. What was signed can no longer be shown; its hash stays, as in the log.
 */
const erasedView = (doc: EncounterDetail, s: Folded): EncounterDetail => {
  const { reasonForVisit: _reason, enteredInError, ...kept } = doc;
  const rx = (p: PrescriptionView): PrescriptionView => {
    const forgotten = s.prescriptions[p.prescriptionId];
    return forgotten
      ? {
          ...p,
          allergyCheck: forgotten.allergyCheck,
          ...(p.discontinued && forgotten.discontinued
            ? { discontinued: { ...p.discontinued, reason: forgotten.discontinued.reason } }
            : {}),
        }
      : p;
  };
  return {
    ...kept,
    erased: true,
    note: s.note,
    planItems: s.planItems,
    labOrders: doc.labOrders.map(({ note: _note, ...order }) => order),
    prescriptions: doc.prescriptions.map(rx),
    addenda: doc.addenda.map((a) => ({ ...a, text: ERASED_TEXT as typeof a.text })),
    versions: doc.versions.map((v) => ({
      ...v,
      content: ERASED_TEXT,
      contentVerified: false,
      ...(v.reason === undefined ? {} : { reason: ERASED_TEXT }),
    })),
    ...(enteredInError ? { enteredInError: { ...enteredInError, reason: ERASED_TEXT } } : {}),
  };
};

export const evolveEncounterDetail = (doc: EncounterDetail | null, e: EncounterEvent): EncounterDetail | null => {
  const before: EncounterState = doc === null ? noEncounter : folded(doc.record);
  const s = evolveEncounter(before, e);
  if (s.status === 'none') return doc;
  if (e.type === 'EncounterOpened') return opened(e.data, s);
  if (doc === null) return null;
  return { ...viewAfter(doc, e, s), status: s.status, record: stored(s) };
};

export const encounterDetailProjection: Projection<EncounterDetail> = {
  name: 'encounter-detail',
  // A clinician's worklist (their encounters by status, oldest first) and a patient's encounters.
  indexes: [{ fields: ['clinicianId', 'status', 'openedAt'] }, { fields: ['patientId', 'dateOfService'] }],
  documentOf: documentPerStream('consultation-'),
  evolve: (doc, event) => evolveEncounterDetail(doc, toDomainEvent(encounterEvents, event)),
};
