import * as t from 'io-ts';
import { IsoDate, IsoDateTime, LongText, NonEmptyText, eventCodec } from '@hcms/shared-kernel';
import { Observation } from '../vitals/vital-signs.js';
import { BillableService, Dosage, EncounterOrigin, LabPriority, NoteSection } from './encounter.values.js';

export const EncounterOpened = eventCodec(
  'EncounterOpened',
  t.intersection([
    t.type({
      encounterId: t.string,
      patientId: t.string,
      clinicianId: t.string,
      dateOfService: IsoDate,
      origin: EncounterOrigin,
      openedAt: IsoDateTime,
    }),
    t.partial({ reasonForVisit: LongText }),
  ]),
);
/** A SOAP section as written now: it replaces what the section said before signing. */
export const NoteSectionWritten = eventCodec(
  'NoteSectionWritten',
  t.type({ section: NoteSection, text: LongText, writtenAt: IsoDateTime }),
);

export const VitalsRecorded = eventCodec(
  'VitalsRecorded',
  t.type({ vitalsId: t.string, takenAt: IsoDateTime, observations: t.array(Observation), recordedAt: IsoDateTime }),
);

/** A billable ICD-10-CM code of the edition in force on the date of service. */
export const DiagnosisAdded = eventCodec(
  'DiagnosisAdded',
  t.type({ diagnosisId: t.string, code: t.string, title: t.string, edition: t.string, primary: t.boolean, addedAt: IsoDateTime }),
);
export const DiagnosisRemoved = eventCodec('DiagnosisRemoved', t.type({ diagnosisId: t.string, removedAt: IsoDateTime }));
export const PrimaryDiagnosisChosen = eventCodec('PrimaryDiagnosisChosen', t.type({ diagnosisId: t.string, chosenAt: IsoDateTime }));
/** To go on the patient's problem list once the encounter is signed (a draft's diagnosis never reaches Patients). */
export const DiagnosisPromoted = eventCodec(
  'DiagnosisPromoted',
  t.type({ diagnosisId: t.string, entryId: t.string, code: t.string, title: t.string, onsetDate: IsoDate, promotedAt: IsoDateTime }),
);

export const PlanItemAdded = eventCodec(
  'PlanItemAdded',
  t.intersection([t.type({ itemId: t.string, description: LongText, addedAt: IsoDateTime }), t.partial({ dueDate: IsoDate })]),
);

export const LabTest = t.type({ code: t.string, display: t.string });
/** Tests ordered from the catalogue, for Laboratory. */
export const LabOrdered = eventCodec(
  'LabOrdered',
  t.intersection([
    t.type({
      labOrderId: t.string,
      encounterId: t.string,
      patientId: t.string,
      clinicianId: t.string,
      tests: t.array(LabTest),
      priority: LabPriority,
      orderedAt: IsoDateTime,
    }),
    t.partial({ note: LongText }),
  ]),
);

export const AllergyConflict = t.intersection([
  t.type({ allergyId: t.string, substance: t.string, matchedBy: t.keyof({ substance: null, 'drug-class': null }) }),
  t.partial({ drugClass: t.string }),
]);
/** What the allergy check said, and the prescriber's reason when they went ahead regardless. */
export const AllergyCheck = t.union([
  t.type({ status: t.literal('clear') }),
  t.type({ status: t.literal('overridden'), conflicts: t.array(AllergyConflict), overrideReason: NonEmptyText }),
  t.type({ status: t.literal('not-run'), cause: t.string, overrideReason: NonEmptyText }),
  // Its patient was erased: what the check found, and why the prescriber went ahead, is gone.
  t.type({ status: t.literal('erased') }),
]);
export type AllergyCheck = t.TypeOf<typeof AllergyCheck>;

export const MedicationPrescribed = eventCodec(
  'MedicationPrescribed',
  t.intersection([
    t.type({
      prescriptionId: t.string,
      medication: NonEmptyText,
      dosage: Dosage,
      startDate: IsoDate,
      allergyCheck: AllergyCheck,
      prescribedAt: IsoDateTime,
    }),
    t.partial({ endDate: IsoDate, replaces: t.string }),
  ]),
);
/** A prescription is never edited: it is stopped, and a new one may replace it. */
export const PrescriptionDiscontinued = eventCodec(
  'PrescriptionDiscontinued',
  t.intersection([
    t.type({ prescriptionId: t.string, reason: NonEmptyText, discontinuedAt: IsoDateTime }),
    t.partial({ replacedBy: t.string }),
  ]),
);

/**
 * The encounter's clinician signed it: the content (`contentFormat`) hashes to `contentHash`, and it
 * is locked. For Billing: the services to charge and the diagnoses that justify them.
 */
export const EncounterSigned = eventCodec(
  'EncounterSigned',
  t.intersection([
    t.type({
      encounterId: t.string,
      patientId: t.string,
      signedBy: t.string,
      signedAt: IsoDateTime,
      dateOfService: IsoDate,
      contentFormat: t.string,
      contentHash: t.string,
      services: t.array(BillableService),
      diagnoses: t.array(t.type({ code: t.string, primary: t.boolean })),
      /** Diagnoses put on the problem list: Patients adds each to the medical history as `entryId`. */
      problems: t.array(t.type({ entryId: t.string, code: t.string, title: t.string, onsetDate: IsoDate })),
    }),
    t.partial({ appointmentId: t.string }),
  ]),
);
/** Text added after signing, by any clinician; what was signed is untouched. */
export const AddendumAppended = eventCodec(
  'AddendumAppended',
  t.type({ addendumId: t.string, text: LongText, authorId: t.string, appendedAt: IsoDateTime }),
);
/** A new version of the signed note, for a stated reason; every earlier version stays readable as signed. */
export const EncounterAmended = eventCodec(
  'EncounterAmended',
  t.type({
    amendmentId: t.string,
    version: t.number,
    reason: NonEmptyText,
    sections: t.partial({ subjective: LongText, objective: LongText, assessment: LongText, plan: LongText }),
    amendedBy: t.string,
    amendedAt: IsoDateTime,
    contentHash: t.string,
  }),
);
/** Retracted: it should never have been recorded (wrong patient, duplicate). Kept for audit, shown as such. */
export const EncounterEnteredInError = eventCodec('EncounterEnteredInError', t.type({ reason: NonEmptyText, at: IsoDateTime }));

/**
 * Its patient was erased: what the clinician wrote in their own words is unreadable from now on
 * (their key is destroyed), and read models drop the copies they hold. Codes, dates and hashes stay.
 */
export const EncounterDetailsErased = eventCodec('EncounterDetailsErased', t.type({ erasedAt: IsoDateTime }));

export const EncounterEvent = t.union(
  [
    EncounterOpened,
    NoteSectionWritten,
    VitalsRecorded,
    DiagnosisAdded,
    DiagnosisRemoved,
    PrimaryDiagnosisChosen,
    DiagnosisPromoted,
    PlanItemAdded,
    LabOrdered,
    MedicationPrescribed,
    PrescriptionDiscontinued,
    EncounterSigned,
    AddendumAppended,
    EncounterAmended,
    EncounterEnteredInError,
    EncounterDetailsErased,
  ],
  'EncounterEvent',
);
export type EncounterEvent = t.TypeOf<typeof EncounterEvent>;
export type EncounterEventType = EncounterEvent['type'];
export type EventOf<T extends EncounterEventType> = Extract<EncounterEvent, { type: T }>;
