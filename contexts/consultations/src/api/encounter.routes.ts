import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  defineRoute,
  invariantViolated,
  toIsoDateTime,
  type CommandContext,
  type DomainError,
  type Role,
  type Route,
  type RouteInput,
  requestContext,
  type Clock,
} from '@hcms/shared-kernel';
import type { ConsultationsDeps } from '../application/consultations.deps.js';
import { handleEncounterCommand, type EncounterCommandInput } from '../application/encounter-command.handler.js';
import { measuredVitals, prescriptionOrder } from '../application/clinical-input.js';
import { openEncounter } from '../application/open-encounter.handler.js';
import type { PrescriptionOrder } from '../domain/encounter/encounter.commands.js';
import * as R from './encounter.requests.js';

const CLINICIAN: readonly Role[] = ['clinician'];
const TAGS = ['consultations'];
const PATH = '/patients/:patientId/encounters/:encounterId';

export const contextOf = (deps: { readonly clock: Clock }, input: RouteInput<unknown, unknown, unknown>): CommandContext =>
  requestContext(input, deps.clock.now());

type Params = { patientId: string; encounterId: string };
/** What the route makes of a request: the command, or a refusal found before deciding (a unit UCUM does not know). */
type Built = EncounterCommandInput | E.Either<DomainError, EncounterCommandInput>;

/** A command on one encounter: the route builds it from the request, the handler does the rest. */
const encounterCommand = <P extends Params, B>(
  deps: ConsultationsDeps,
  spec: {
    path: string;
    method?: 'POST' | 'PUT';
    summary: string;
    roles?: readonly Role[];
    params: t.Type<P, unknown, unknown>;
    body?: t.Type<B, unknown, unknown>;
    /** The id the command creates, under this name in the answer. */
    creates?: string;
    errors?: readonly number[];
    command: (input: { params: P; body: B; newId: string; principal: RouteInput<P, unknown, B>['principal'] }) => Built | Promise<Built>;
  },
): Route =>
  defineRoute<P, unknown, B>({
    method: spec.method ?? 'POST',
    path: `${PATH}${spec.path}`,
    summary: spec.summary,
    tags: TAGS,
    roles: spec.roles ?? CLINICIAN,
    params: spec.params,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'Encounter' },
    ...(spec.body ? { body: spec.body } : {}),
    // 410 once the patient is erased.
    errors: spec.errors ?? [404, 409, 410, 422],
    ...(spec.creates ? { successStatus: 201 } : {}),
    handle: async (input) => {
      const newId = deps.ids.next();
      const built = await spec.command({ params: input.params, body: input.body, newId, principal: input.principal });
      const command = '_tag' in built ? built : E.right(built);
      if (E.isLeft(command)) return command;
      // A body that names the version it was written against is refused if the encounter changed since.
      const readVersion = (input.body as { version?: number } | undefined)?.version;
      const result = await handleEncounterCommand(deps)(input.params.encounterId, command.right, contextOf(deps, input), readVersion);
      return E.map((r: { version: number; position: number }) => ({
        status: spec.creates ? 201 : 200,
        body: {
          patientId: input.params.patientId,
          encounterId: input.params.encounterId,
          ...(spec.creates ? { [spec.creates]: newId } : {}),
          version: r.version,
          position: r.position,
        },
      }))(result);
    },
  });

export const encounterRoutes = (deps: ConsultationsDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/patients/:patientId/encounters',
    summary:
      'Open an encounter: from a checked-in appointment (one encounter per appointment; signing it completes the appointment) or as a walk-in. Send dateOfService as the clinic’s local date',
    tags: TAGS,
    roles: CLINICIAN,
    params: R.PatientParams,
    body: R.OpenEncounterBody,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'Encounter' },
    successStatus: 201,
    errors: [404, 409, 410, 422, 503],
    handle: async (input) => {
      const result = await openEncounter(deps)(input.params.patientId, input.body, contextOf(deps, input));
      return E.map((r: { encounterId: string; version: number; position: number }) => ({
        status: 201,
        body: { patientId: input.params.patientId, encounterId: r.encounterId, version: r.version, position: r.position },
      }))(result);
    },
  }),
  encounterCommand(deps, {
    method: 'PUT',
    path: '/note/:section',
    summary:
      'Write one section of the SOAP note (subjective, objective, assessment, plan); it replaces the section until signing. With `version`, refused (409 ENCOUNTER_CHANGED) if the encounter changed since',
    params: R.NoteSectionParams,
    body: R.WriteNoteBody,
    command: ({ params, body }) => ({ type: 'WriteNoteSection', patientId: params.patientId, section: params.section, text: body.text }),
  }),
  encounterCommand(deps, {
    path: '/vitals',
    summary:
      'Record vital signs taken together, each with its UCUM unit (converted to the canonical unit: [lb_av] to kg, [degF] to Cel…); BMI is derived from weight and height',
    params: R.EncounterParams,
    body: R.RecordVitalsBody,
    creates: 'vitalsId',
    command: ({ params, body, newId }) =>
      E.map((measured: ReturnType<typeof measuredVitals> extends E.Either<unknown, infer M> ? M : never) => ({
        type: 'RecordVitals' as const,
        patientId: params.patientId,
        vitalsId: newId,
        // In UTC as events store instants, whatever offset the client sent.
        takenAt: toIsoDateTime(body.takenAt === undefined ? deps.clock.now() : new Date(body.takenAt)),
        measured,
      }))(measuredVitals(deps.units, body.vitals)),
  }),
  encounterCommand(deps, {
    path: '/diagnoses',
    summary:
      'Add a diagnosis: a billable ICD-10-CM code (7th character where required) of the edition in force on the date of service; the first is primary unless said otherwise',
    params: R.EncounterParams,
    body: R.AddDiagnosisBody,
    creates: 'diagnosisId',
    command: ({ params, body, newId }) => ({
      type: 'AddDiagnosis',
      patientId: params.patientId,
      diagnosisId: newId,
      code: body.code,
      codes: deps.codes,
      ...(body.primary === undefined ? {} : { primary: body.primary }),
    }),
  }),
  encounterCommand(deps, {
    path: '/diagnoses/:diagnosisId/remove',
    summary: 'Remove a diagnosis added in error (before signing)',
    params: R.DiagnosisParams,
    command: ({ params }) => ({ type: 'RemoveDiagnosis', patientId: params.patientId, diagnosisId: params.diagnosisId }),
  }),
  encounterCommand(deps, {
    path: '/diagnoses/:diagnosisId/make-primary',
    summary: 'Make this diagnosis the primary one (the previous primary becomes secondary)',
    params: R.DiagnosisParams,
    command: ({ params }) => ({ type: 'ChoosePrimaryDiagnosis', patientId: params.patientId, diagnosisId: params.diagnosisId }),
  }),
  encounterCommand(deps, {
    path: '/diagnoses/:diagnosisId/promote',
    summary: "Put the diagnosis on the patient's problem list: Patients adds it to their medical history as entryId",
    params: R.DiagnosisParams,
    creates: 'entryId',
    command: ({ params, newId }) => ({
      type: 'PromoteDiagnosis',
      patientId: params.patientId,
      diagnosisId: params.diagnosisId,
      entryId: newId,
    }),
  }),
  encounterCommand(deps, {
    path: '/plan-items',
    summary: 'Add an item of the care plan, with the date it is due',
    params: R.EncounterParams,
    body: R.AddPlanItemBody,
    creates: 'itemId',
    command: ({ params, body, newId }) => ({ type: 'AddPlanItem', patientId: params.patientId, itemId: newId, ...body }),
  }),
  encounterCommand(deps, {
    path: '/lab-orders',
    summary: 'Order tests of the laboratory catalogue (LOINC); Laboratory receives the order through the bus',
    params: R.EncounterParams,
    body: R.OrderLabBody,
    creates: 'labOrderId',
    command: async ({ params, body, newId }) => {
      const names = await Promise.all(body.tests.map((code) => deps.labTests.nameOf(code)));
      const unknown = body.tests.flatMap((code, i) =>
        names[i] === undefined ? [{ path: `body.tests.${i}`, rule: `${code} is not a test of the laboratory’s catalogue` }] : [],
      );
      if (unknown.length > 0)
        return E.left(invariantViolated('UNKNOWN_TEST', 'a test ordered is not in the laboratory’s catalogue', { problems: unknown }));
      const tests = body.tests.map((code, i) => ({ code, display: names[i] ?? code }));
      return { type: 'OrderLab', patientId: params.patientId, labOrderId: newId, ...body, tests };
    },
  }),
  encounterCommand(deps, {
    path: '/prescriptions',
    summary:
      "Prescribe, checked against the patient's active allergies (substance and drug class): a conflict answers 409 ALLERGY_CONFLICT, a check that cannot run in full (the allergy list behind the record, a medication the drug table does not know) 409 ALLERGY_CHECK_UNAVAILABLE, unless overrideReason is given (recorded)",
    params: R.EncounterParams,
    body: R.PrescriptionBody,
    creates: 'prescriptionId',
    errors: [404, 409, 410, 422],
    command: async ({ params, body, newId }) =>
      E.map((order: PrescriptionOrder) => withOrder(order, params.patientId))(
        await prescriptionOrder(deps, params.patientId, newId, body, 'body'),
      ),
  }),
  encounterCommand(deps, {
    path: '/prescriptions/:prescriptionId/discontinue',
    summary:
      'Stop a prescription, also after the encounter is signed (a medication outlives its visit; what was signed stays as signed). It is never edited: replace it to change it',
    params: R.PrescriptionParams,
    body: R.DiscontinueBody,
    command: ({ params, body }) => ({
      type: 'DiscontinuePrescription',
      patientId: params.patientId,
      prescriptionId: params.prescriptionId,
      reason: body.reason,
    }),
  }),
  encounterCommand(deps, {
    path: '/prescriptions/:prescriptionId/replace',
    summary: 'Stop a prescription and start the one that replaces it, together (checked for allergies as any prescription)',
    params: R.PrescriptionParams,
    body: R.ReplaceBody,
    creates: 'prescriptionId',
    errors: [404, 409, 410, 422],
    command: async ({ params, body, newId }) =>
      E.map((replacement: PrescriptionOrder) => ({
        type: 'ReplacePrescription' as const,
        patientId: params.patientId,
        prescriptionId: params.prescriptionId,
        reason: body.reason,
        replacement,
      }))(await prescriptionOrder(deps, params.patientId, newId, body.replacement, 'body.replacement')),
  }),
  encounterCommand(deps, {
    path: '/sign',
    summary:
      'Sign the encounter (its clinician only): records the SHA-256 of the signed content and the billed services, locks it, and completes the appointment it came from',
    params: R.EncounterParams,
    body: R.SignBody,
    command: ({ params, body }) => ({
      type: 'SignEncounter',
      patientId: params.patientId,
      evaluationAndManagement: body.evaluationAndManagement,
      procedures: body.procedures ?? [],
      digest: deps.digest,
    }),
  }),
  encounterCommand(deps, {
    path: '/addenda',
    summary: 'Append an addendum to a signed encounter: what was signed stays as it was',
    params: R.EncounterParams,
    body: R.AddendumBody,
    creates: 'addendumId',
    command: ({ params, body, newId }) => ({ type: 'AppendAddendum', patientId: params.patientId, addendumId: newId, text: body.text }),
  }),
  encounterCommand(deps, {
    path: '/amendments',
    summary:
      'Amend a signed encounter (its clinician only): a new signed version of the note, for a reason; earlier versions stay readable as signed',
    params: R.EncounterParams,
    body: R.AmendBody,
    creates: 'amendmentId',
    command: ({ params, body, newId }) => ({
      type: 'AmendEncounter',
      patientId: params.patientId,
      amendmentId: newId,
      reason: body.reason,
      sections: body.sections,
      digest: deps.digest,
    }),
  }),
  encounterCommand(deps, {
    path: '/entered-in-error',
    summary: 'Retract an encounter recorded in error (its clinician or an administrator): kept for audit, shown as entered in error',
    roles: ['clinician', 'admin'],
    params: R.EncounterParams,
    body: R.EnteredInErrorBody,
    command: ({ params, body, principal }) => ({
      type: 'MarkEnteredInError',
      patientId: params.patientId,
      reason: body.reason,
      actorIsAdmin: principal.role === 'admin',
    }),
  }),
];

const withOrder = (order: PrescriptionOrder, patientId: string): EncounterCommandInput => ({ type: 'Prescribe', patientId, ...order });
