import type { IsoDate, IsoDateTime, LongText, NonEmptyText } from '@hcms/shared-kernel';
import type { Icd10Cm } from '../coding/icd10cm.js';
import type { ActiveAllergy } from '../prescription/allergy-check.js';
import type { MeasuredVital } from '../vitals/vital-signs.js';
import type { CptCode, Dosage, EncounterOrigin, EvaluationAndManagementCode, LabPriority, NoteSection } from './encounter.values.js';

/** Every command carries when it is decided and who asks: the decider reads no clock. */
interface Stamped {
  readonly at: IsoDateTime;
  readonly actorId: string;
  /** The patient the request names: an encounter of someone else is not found. */
  readonly patientId: string;
}

/** What Patients' events say of the patient, as this context last heard. */
export type PatientStanding = 'active' | 'inactive' | 'deceased' | 'erased' | 'unknown';
/** What Appointments' events say of the appointment an encounter is opened from. */
export interface AppointmentFacts {
  readonly patientId: string;
  readonly status: string;
}

export interface OpenEncounter extends Stamped {
  readonly type: 'OpenEncounter';
  readonly encounterId: string;
  readonly dateOfService: IsoDate;
  readonly origin: EncounterOrigin;
  readonly reasonForVisit?: LongText;
  readonly patient: PatientStanding;
  /** For an encounter from an appointment: the appointment as known, or undefined when unknown. */
  readonly appointment?: AppointmentFacts;
}

export interface WriteNoteSection extends Stamped {
  readonly type: 'WriteNoteSection';
  readonly section: NoteSection;
  readonly text: LongText;
}

export interface RecordVitals extends Stamped {
  readonly type: 'RecordVitals';
  readonly vitalsId: string;
  readonly takenAt: IsoDateTime;
  readonly measured: readonly MeasuredVital[];
}

export interface AddDiagnosis extends Stamped {
  readonly type: 'AddDiagnosis';
  readonly diagnosisId: string;
  readonly code: string;
  /** Unsaid: primary when it is the encounter's first. */
  readonly primary?: boolean;
  readonly codes: Icd10Cm;
}

export interface RemoveDiagnosis extends Stamped {
  readonly type: 'RemoveDiagnosis';
  readonly diagnosisId: string;
}

export interface ChoosePrimaryDiagnosis extends Stamped {
  readonly type: 'ChoosePrimaryDiagnosis';
  readonly diagnosisId: string;
}

export interface PromoteDiagnosis extends Stamped {
  readonly type: 'PromoteDiagnosis';
  readonly diagnosisId: string;
  readonly entryId: string;
}

export interface AddPlanItem extends Stamped {
  readonly type: 'AddPlanItem';
  readonly itemId: string;
  readonly description: LongText;
  readonly dueDate?: IsoDate;
}

export interface OrderLab extends Stamped {
  readonly type: 'OrderLab';
  readonly labOrderId: string;
  /** Tests of the laboratory's catalogue, with their names as it gives them. */
  readonly tests: readonly { readonly code: string; readonly display: string }[];
  readonly priority: LabPriority;
  readonly note?: LongText;
}

/** The patient's active allergies as Patients last said, or why they could not be read. */
export type AllergyFacts =
  { readonly status: 'known'; readonly allergies: readonly ActiveAllergy[] } | { readonly status: 'unavailable'; readonly cause: string };

export interface PrescriptionOrder {
  readonly prescriptionId: string;
  readonly medication: NonEmptyText;
  readonly dosage: Dosage;
  readonly startDate?: IsoDate;
  /** Given to go ahead despite an allergy conflict, or without a check that could not run. */
  readonly overrideReason?: NonEmptyText;
  readonly allergies: AllergyFacts;
}

export interface Prescribe extends Stamped, PrescriptionOrder {
  readonly type: 'Prescribe';
}

export interface DiscontinuePrescription extends Stamped {
  readonly type: 'DiscontinuePrescription';
  readonly prescriptionId: string;
  readonly reason: NonEmptyText;
}

/** Stop a prescription and start the one that replaces it, together. */
export interface ReplacePrescription extends Stamped {
  readonly type: 'ReplacePrescription';
  readonly prescriptionId: string;
  readonly reason: NonEmptyText;
  readonly replacement: PrescriptionOrder;
}

/** SHA-256 (hex) of a text: computed outside, so the domain stays free of I/O and native code. */
export type Digest = (content: string) => string;

export interface SignEncounter extends Stamped {
  readonly type: 'SignEncounter';
  readonly evaluationAndManagement: EvaluationAndManagementCode;
  readonly procedures: readonly CptCode[];
  readonly digest: Digest;
}

export interface AppendAddendum extends Stamped {
  readonly type: 'AppendAddendum';
  readonly addendumId: string;
  readonly text: LongText;
}

export interface AmendEncounter extends Stamped {
  readonly type: 'AmendEncounter';
  readonly amendmentId: string;
  readonly reason: NonEmptyText;
  readonly sections: Partial<Record<NoteSection, LongText>>;
  readonly digest: Digest;
}

export interface MarkEnteredInError extends Stamped {
  readonly type: 'MarkEnteredInError';
  readonly reason: NonEmptyText;
  /** An administrator may retract anyone's encounter; a clinician only their own. */
  readonly actorIsAdmin: boolean;
}

/** Its patient was erased: forget their words (once; in any status). */
export interface EraseDetails extends Stamped {
  readonly type: 'EraseDetails';
}

export type EncounterCommand =
  | OpenEncounter
  | WriteNoteSection
  | RecordVitals
  | AddDiagnosis
  | RemoveDiagnosis
  | ChoosePrimaryDiagnosis
  | PromoteDiagnosis
  | AddPlanItem
  | OrderLab
  | Prescribe
  | DiscontinuePrescription
  | ReplacePrescription
  | SignEncounter
  | AppendAddendum
  | AmendEncounter
  | MarkEnteredInError
  | EraseDetails;

/** Every command but opening is addressed to an encounter of one patient. */
export type EncounterCommandOn = Exclude<EncounterCommand, OpenEncounter>;
