import * as E from 'fp-ts/lib/Either.js';
import { absurd, pipe } from 'fp-ts/lib/function.js';
import type { Decider } from '@hcms/shared-kernel';
import { checkDiagnosisCode } from '../coding/icd10cm.js';
import { vitalSigns } from '../vitals/vital-signs.js';
import type * as C from './encounter.commands.js';
import { signedContent, CONTENT_FORMAT } from './encounter.content.js';
import type { EncounterError } from './encounter.errors.js';
import type { EncounterEvent } from './encounter.events.js';
import { prescriptionEvent } from './prescription.rules.js';
import { byItsClinician, inProgress, notAfter, notBeforeService, notInFuture, notRetracted, refuse, signed } from './encounter.rules.js';
import { evolve, initialState, type EncounterRecord, type EncounterState } from './encounter.state.js';

type Decision = E.Either<EncounterError, readonly EncounterEvent[]>;
const emit = (...events: EncounterEvent[]): Decision => E.right(events);

const STANDING_REFUSALS = {
  unknown: () => refuse('PATIENT_NOT_FOUND', 'no such patient'),
  erased: () => refuse('PATIENT_ERASED', 'the patient’s record was erased'),
  inactive: () => refuse('PATIENT_INACTIVE', 'the patient’s record is deactivated'),
  deceased: () => refuse('PATIENT_INACTIVE', 'the patient is recorded as deceased'),
} as const;

const open = (cmd: C.OpenEncounter, s: EncounterState): Decision => {
  // An appointment of another patient's is not found, and its encounter's id is not revealed.
  if (s.status !== 'none' && s.patientId !== cmd.patientId)
    return E.left(refuse('APPOINTMENT_NOT_FOUND', 'no such appointment for this patient'));
  if (s.status !== 'none')
    return E.left(refuse('ENCOUNTER_ALREADY_OPEN', 'this encounter is already open', { details: { encounterId: cmd.encounterId } }));
  if (cmd.patient !== 'active') return E.left(STANDING_REFUSALS[cmd.patient]());
  if (cmd.origin.kind === 'appointment') {
    const appointment = cmd.appointment;
    if (!appointment || appointment.patientId !== cmd.patientId)
      return E.left(refuse('APPOINTMENT_NOT_FOUND', 'no such appointment for this patient'));
    if (appointment.status !== 'checked-in')
      return E.left(
        refuse('APPOINTMENT_NOT_CHECKED_IN', 'an encounter is opened from an appointment once the patient has checked in', {
          details: { status: appointment.status },
        }),
      );
  }
  return pipe(
    notInFuture(cmd.dateOfService, cmd.at, 'body.dateOfService'),
    E.chain(() =>
      emit({
        type: 'EncounterOpened',
        data: {
          encounterId: cmd.encounterId,
          patientId: cmd.patientId,
          clinicianId: cmd.actorId,
          dateOfService: cmd.dateOfService,
          origin: cmd.origin,
          openedAt: cmd.at,
          ...(cmd.reasonForVisit === undefined ? {} : { reasonForVisit: cmd.reasonForVisit }),
        },
      }),
    ),
  );
};

const writeNote = (cmd: C.WriteNoteSection, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) =>
      r.note[cmd.section] === cmd.text
        ? emit()
        : emit({ type: 'NoteSectionWritten', data: { section: cmd.section, text: cmd.text, writtenAt: cmd.at } }),
    ),
  );

/** The latest weight and height recorded in this encounter, for a BMI from vitals taken apart. */
const latestBody = (r: EncounterRecord) => {
  const latest = (kind: string) =>
    r.vitals
      .flatMap((v) => v.observations)
      .filter((o) => o.kind === kind)
      .at(-1)?.canonicalValue;
  const [weightKg, heightCm] = [latest('body-weight'), latest('body-height')];
  return { ...(weightKg === undefined ? {} : { weightKg }), ...(heightCm === undefined ? {} : { heightCm }) };
};

const recordVitals = (cmd: C.RecordVitals, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chainFirst(() => notAfter(cmd.takenAt, cmd.at, 'body.takenAt')),
    E.chainW((r) => vitalSigns(cmd.measured, latestBody(r))),
    E.chain((observations) =>
      emit({
        type: 'VitalsRecorded',
        data: { vitalsId: cmd.vitalsId, takenAt: cmd.takenAt, observations: [...observations], recordedAt: cmd.at },
      }),
    ),
  );

const primaryOf = (r: { diagnoses: Readonly<Record<string, { primary: boolean }>> }): string | undefined =>
  Object.entries(r.diagnoses).find(([, dx]) => dx.primary)?.[0];

const addDiagnosis = (cmd: C.AddDiagnosis, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) =>
      pipe(
        checkDiagnosisCode(cmd.codes, cmd.code, r.dateOfService),
        E.chain((coded): Decision => {
          if (r.diagnoses[cmd.diagnosisId]) return E.left(refuse('ALREADY_RECORDED', 'this diagnosis id is taken'));
          if (Object.values(r.diagnoses).some((dx) => dx.code === coded.code))
            return E.left(
              refuse('DIAGNOSIS_ALREADY_RECORDED', 'this code is already a diagnosis of the encounter', { details: { code: coded.code } }),
            );
          const primaryId = primaryOf(r);
          const primary = cmd.primary ?? primaryId === undefined;
          if (primary && primaryId !== undefined)
            return E.left(
              refuse(
                'PRIMARY_DIAGNOSIS_EXISTS',
                'the encounter has a primary diagnosis already: add this one as secondary, or choose it as primary after',
                {
                  details: { primaryDiagnosisId: primaryId },
                },
              ),
            );
          return emit({ type: 'DiagnosisAdded', data: { diagnosisId: cmd.diagnosisId, ...coded, primary, addedAt: cmd.at } });
        }),
      ),
    ),
  );

const diagnosisIn = (
  r: { diagnoses: Readonly<Record<string, { promoted: boolean; primary: boolean; code: string; title: string }>> },
  id: string,
) => {
  const dx = r.diagnoses[id];
  return dx ? E.right(dx) : E.left(refuse('DIAGNOSIS_NOT_FOUND', 'no such diagnosis in this encounter'));
};

const removeDiagnosis = (cmd: C.RemoveDiagnosis, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) => diagnosisIn(r, cmd.diagnosisId)),
    E.chain((dx) =>
      dx.promoted
        ? E.left(refuse('DIAGNOSIS_PROMOTED', 'this diagnosis is on the patient’s problem list: change it there'))
        : emit({ type: 'DiagnosisRemoved', data: { diagnosisId: cmd.diagnosisId, removedAt: cmd.at } }),
    ),
  );

const choosePrimary = (cmd: C.ChoosePrimaryDiagnosis, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) => diagnosisIn(r, cmd.diagnosisId)),
    E.chain((dx) =>
      dx.primary ? emit() : emit({ type: 'PrimaryDiagnosisChosen', data: { diagnosisId: cmd.diagnosisId, chosenAt: cmd.at } }),
    ),
  );

const promote = (cmd: C.PromoteDiagnosis, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) =>
      pipe(
        diagnosisIn(r, cmd.diagnosisId),
        E.chain((dx) =>
          dx.promoted
            ? E.left(refuse('DIAGNOSIS_ALREADY_PROMOTED', 'this diagnosis is on the patient’s problem list already'))
            : emit({
                type: 'DiagnosisPromoted',
                data: {
                  diagnosisId: cmd.diagnosisId,
                  entryId: cmd.entryId,
                  code: dx.code,
                  title: dx.title,
                  onsetDate: r.dateOfService,
                  promotedAt: cmd.at,
                },
              }),
        ),
      ),
    ),
  );

const addPlanItem = (cmd: C.AddPlanItem, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chainFirst((r) => (cmd.dueDate === undefined ? E.right('') : notBeforeService(cmd.dueDate, r, 'body.dueDate'))),
    E.chain(() =>
      emit({
        type: 'PlanItemAdded',
        data: {
          itemId: cmd.itemId,
          description: cmd.description,
          addedAt: cmd.at,
          ...(cmd.dueDate === undefined ? {} : { dueDate: cmd.dueDate }),
        },
      }),
    ),
  );

const orderLab = (cmd: C.OrderLab, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) => {
      const repeated = cmd.tests.findIndex((test, i) => cmd.tests.findIndex((t) => t.code === test.code) !== i);
      if (repeated >= 0)
        return E.left(
          refuse('DUPLICATE_TEST', 'a test is ordered twice', {
            problems: [{ path: `body.tests.${repeated}`, rule: 'must not repeat a test' }],
          }),
        );
      return emit({
        type: 'LabOrdered',
        data: {
          labOrderId: cmd.labOrderId,
          encounterId: r.encounterId,
          patientId: r.patientId,
          // Who ordered: any clinician may work on an open encounter.
          clinicianId: cmd.actorId,
          tests: cmd.tests.map(({ code, display }) => ({ code, display })),
          priority: cmd.priority,
          orderedAt: cmd.at,
          ...(cmd.note === undefined ? {} : { note: cmd.note }),
        },
      });
    }),
  );

const prescribe = (cmd: C.Prescribe, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) => prescriptionEvent(cmd, r, cmd.at)),
    E.chain((event) => emit(event)),
  );

/** A prescription still active; `open`: of an encounter being written, or of any not retracted. */
const activePrescription = <R extends EncounterRecord>(
  cmd: { patientId: string; prescriptionId: string },
  open: E.Either<EncounterError, R>,
): E.Either<EncounterError, R> =>
  pipe(
    open,
    E.chain((r) => {
      const rx = r.prescriptions[cmd.prescriptionId];
      if (!rx) return E.left(refuse('PRESCRIPTION_NOT_FOUND', 'no such prescription in this encounter'));
      return rx.discontinued ? E.left(refuse('PRESCRIPTION_NOT_ACTIVE', 'this prescription is discontinued already')) : E.right(r);
    }),
  );

/** A medication outlives its visit: it is stopped when it must be, after signing too; what was signed stays as signed. */
const discontinue = (cmd: C.DiscontinuePrescription, s: EncounterState): Decision =>
  pipe(
    activePrescription(cmd, notRetracted(s, cmd.patientId)),
    E.chain(() =>
      emit({ type: 'PrescriptionDiscontinued', data: { prescriptionId: cmd.prescriptionId, reason: cmd.reason, discontinuedAt: cmd.at } }),
    ),
  );

const replace = (cmd: C.ReplacePrescription, s: EncounterState): Decision =>
  pipe(
    activePrescription(cmd, inProgress(s, cmd.patientId)),
    E.chain((r) => prescriptionEvent(cmd.replacement, r, cmd.at, cmd.prescriptionId)),
    E.chain((prescribed) =>
      emit(
        {
          type: 'PrescriptionDiscontinued',
          data: {
            prescriptionId: cmd.prescriptionId,
            reason: cmd.reason,
            discontinuedAt: cmd.at,
            replacedBy: cmd.replacement.prescriptionId,
          },
        },
        prescribed,
      ),
    ),
  );

const sign = (cmd: C.SignEncounter, s: EncounterState): Decision =>
  pipe(
    inProgress(s, cmd.patientId),
    E.chain((r) => byItsClinician(r, cmd.actorId, 'sign')),
    E.chain((r) => {
      const diagnoses = Object.values(r.diagnoses);
      if (diagnoses.filter((dx) => dx.primary).length !== 1)
        return E.left(
          refuse('PRIMARY_DIAGNOSIS_REQUIRED', 'an encounter is signed with exactly one primary diagnosis', {
            details: { diagnoses: diagnoses.length },
          }),
        );
      if (Object.values(r.note).every((text) => text.trim() === ''))
        return E.left(
          refuse('NOTE_EMPTY', 'an encounter is signed with a note: write at least one section', {
            problems: [{ path: 'note', rule: 'must have at least one section written before signing' }],
          }),
        );
      const services = [
        { system: 'CPT' as const, code: cmd.evaluationAndManagement as string, kind: 'evaluation-and-management' as const },
        ...[...new Set(cmd.procedures)]
          .filter((code) => code !== cmd.evaluationAndManagement)
          .map((code) => ({ system: 'CPT' as const, code: code, kind: 'procedure' as const })),
      ];
      const appointmentId = r.origin.kind === 'appointment' ? r.origin.appointmentId : undefined;
      return emit({
        type: 'EncounterSigned',
        data: {
          encounterId: r.encounterId,
          patientId: r.patientId,
          signedBy: cmd.actorId,
          signedAt: cmd.at,
          dateOfService: r.dateOfService,
          contentFormat: CONTENT_FORMAT,
          contentHash: cmd.digest(signedContent({ ...r, services }, 1)),
          services,
          diagnoses: diagnoses.map(({ code, primary }) => ({ code, primary })),
          problems: diagnoses.flatMap(({ code, title, entryId }) =>
            entryId === undefined ? [] : [{ entryId, code, title, onsetDate: r.dateOfService }],
          ),
          ...(appointmentId === undefined ? {} : { appointmentId }),
        },
      });
    }),
  );

const appendAddendum = (cmd: C.AppendAddendum, s: EncounterState): Decision =>
  pipe(
    signed(s, cmd.patientId),
    E.chain(() =>
      emit({ type: 'AddendumAppended', data: { addendumId: cmd.addendumId, text: cmd.text, authorId: cmd.actorId, appendedAt: cmd.at } }),
    ),
  );

const amend = (cmd: C.AmendEncounter, s: EncounterState): Decision =>
  pipe(
    signed(s, cmd.patientId),
    E.chain((r) => byItsClinician(r, cmd.actorId, 'amend')),
    E.chain((r) => {
      const changed = Object.fromEntries(
        Object.entries(cmd.sections).filter(([section, text]) => text !== undefined && r.note[section as keyof typeof r.note] !== text),
      );
      if (Object.keys(changed).length === 0) return E.left(refuse('NOTHING_TO_AMEND', 'the amendment changes no section of the note'));
      const version = r.version + 1;
      return emit({
        type: 'EncounterAmended',
        data: {
          amendmentId: cmd.amendmentId,
          version,
          reason: cmd.reason,
          sections: changed,
          amendedBy: cmd.actorId,
          amendedAt: cmd.at,
          contentHash: cmd.digest(signedContent({ ...r, note: { ...r.note, ...changed } }, version)),
        },
      });
    }),
  );

const markEnteredInError = (cmd: C.MarkEnteredInError, s: EncounterState): Decision =>
  pipe(
    notRetracted(s, cmd.patientId),
    E.chain((r) => (cmd.actorIsAdmin ? E.right(r) : byItsClinician(r, cmd.actorId, 'retract'))),
    E.chain(() => emit({ type: 'EncounterEnteredInError', data: { reason: cmd.reason, at: cmd.at } })),
  );

const eraseDetails = (cmd: C.EraseDetails, s: EncounterState): Decision => {
  if (s.status === 'none' || s.patientId !== cmd.patientId)
    return E.left(refuse('ENCOUNTER_NOT_FOUND', 'no such encounter for this patient'));
  return s.erased ? emit() : emit({ type: 'EncounterDetailsErased', data: { erasedAt: cmd.at } });
};

export const decide = (cmd: C.EncounterCommand, s: EncounterState): Decision => {
  switch (cmd.type) {
    case 'OpenEncounter':
      return open(cmd, s);
    case 'WriteNoteSection':
      return writeNote(cmd, s);
    case 'RecordVitals':
      return recordVitals(cmd, s);
    case 'AddDiagnosis':
      return addDiagnosis(cmd, s);
    case 'RemoveDiagnosis':
      return removeDiagnosis(cmd, s);
    case 'ChoosePrimaryDiagnosis':
      return choosePrimary(cmd, s);
    case 'PromoteDiagnosis':
      return promote(cmd, s);
    case 'AddPlanItem':
      return addPlanItem(cmd, s);
    case 'OrderLab':
      return orderLab(cmd, s);
    case 'Prescribe':
      return prescribe(cmd, s);
    case 'DiscontinuePrescription':
      return discontinue(cmd, s);
    case 'ReplacePrescription':
      return replace(cmd, s);
    case 'SignEncounter':
      return sign(cmd, s);
    case 'AppendAddendum':
      return appendAddendum(cmd, s);
    case 'AmendEncounter':
      return amend(cmd, s);
    case 'MarkEnteredInError':
      return markEnteredInError(cmd, s);
    case 'EraseDetails':
      return eraseDetails(cmd, s);
    default:
      return absurd(cmd);
  }
};

export const encounterDecider: Decider<C.EncounterCommand, EncounterEvent, EncounterState, EncounterError> = {
  initialState,
  decide,
  evolve,
};
