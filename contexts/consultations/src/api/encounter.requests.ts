import * as t from 'io-ts';
import { BoundedInt, BoundedText, IsoDate, IsoDateTime, LongText, NonEmptyText, Uuid, withSchema } from '@hcms/shared-kernel';
import { VitalKind } from '../domain/vitals/vital-signs.js';
import {
  CptCode,
  Dosage,
  EncounterOrigin,
  EvaluationAndManagementCode,
  LabPriority,
  NoteSection,
  PositiveDecimal,
  UcumUnit,
} from '../domain/encounter/encounter.values.js';

/** A test of the laboratory's catalogue, by its LOINC code (the laboratory says whether it has it). */
const LoincCode = withSchema(
  t.refinement(t.string, (s) => /^[0-9]{1,7}-[0-9]$/.test(s), 'LoincCode'),
  {
    type: 'string',
    pattern: '^[0-9]{1,7}-[0-9]$',
    description: 'must be the LOINC code of a test of the laboratory’s catalogue, such as 2823-3',
  },
);

export const PatientParams = t.type({ patientId: Uuid });
export const EncounterParams = t.type({ patientId: Uuid, encounterId: Uuid });
export const NoteSectionParams = t.type({ patientId: Uuid, encounterId: Uuid, section: NoteSection });
export const DiagnosisParams = t.type({ patientId: Uuid, encounterId: Uuid, diagnosisId: Uuid });
export const PrescriptionParams = t.type({ patientId: Uuid, encounterId: Uuid, prescriptionId: Uuid });

/** Free text that says something: 1 to 4000 characters. */
const Written = withSchema(
  t.refinement(LongText, (s) => s.trim().length > 0, 'Written'),
  { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S', description: 'must be 1-4000 characters, not only spaces' },
);

export const OpenEncounterBody = t.intersection([
  t.type({ origin: EncounterOrigin }),
  t.partial({ dateOfService: IsoDate, reasonForVisit: LongText }),
]);
/** The encounter's version the client acted on (from its last read or command): a change since is refused. */
const ReadVersion = { version: BoundedInt(1, 1_000_000_000, 'must be the version of the encounter as last read (a positive integer)') };
export const WriteNoteBody = t.intersection([t.type({ text: LongText }), t.partial(ReadVersion)]);

/** A list of 1 to `max` items. */
const ListOf = <C extends t.Mixed>(item: C, max: number) =>
  withSchema(
    t.refinement(t.array(item), (items) => items.length >= 1 && items.length <= max, `ListOf1To${max}`),
    { minItems: 1, maxItems: max, description: `must list 1 to ${max} items` },
  );

export const VitalEntry = t.type({ kind: VitalKind, value: PositiveDecimal, unit: UcumUnit });
export const RecordVitalsBody = t.intersection([t.type({ vitals: ListOf(VitalEntry, 8) }), t.partial({ takenAt: IsoDateTime })]);

export const AddDiagnosisBody = t.intersection([
  t.type({ code: BoundedText(3, 8, 'must be an ICD-10-CM code such as E11.9 or S52.521A') }),
  t.partial({ primary: t.boolean }),
]);
export const AddPlanItemBody = t.intersection([t.type({ description: Written }), t.partial({ dueDate: IsoDate })]);
export const OrderLabBody = t.intersection([
  t.type({ tests: ListOf(LoincCode, 12), priority: LabPriority }),
  t.partial({ note: LongText }),
]);

export const PrescriptionBody = t.intersection([
  t.type({ medication: NonEmptyText, dosage: Dosage }),
  t.partial({ startDate: IsoDate, overrideReason: NonEmptyText }),
]);
export const DiscontinueBody = t.type({ reason: NonEmptyText });
export const ReplaceBody = t.type({ reason: NonEmptyText, replacement: PrescriptionBody });

export const SignBody = t.intersection([
  t.type({ evaluationAndManagement: EvaluationAndManagementCode, ...ReadVersion }),
  t.partial({ procedures: t.array(CptCode) }),
]);
export const AddendumBody = t.type({ text: Written });
export const AmendBody = t.type({
  ...ReadVersion,
  reason: NonEmptyText,
  sections: t.partial({ subjective: LongText, objective: LongText, assessment: LongText, plan: LongText }),
});
export const EnteredInErrorBody = t.type({ reason: NonEmptyText });
