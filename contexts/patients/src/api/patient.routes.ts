import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  defineRoute,
  gone,
  notFound,
  type CommandContext,
  type Role,
  type Route,
  type RouteInput,
  requestContext,
  type Clock,
} from '@hcms/shared-kernel';
import { handlePatientCommand, type PatientCommandInput } from '../application/patient-command.handler.js';
import { patientHistory } from '../application/patient-history.query.js';
import type { PatientsDeps } from '../application/patients.deps.js';
import { registerPatient } from '../application/register-patient.handler.js';
import { erasePatient } from '../application/erase-patient.handler.js';
import * as R from './patient.requests.js';

const FRONT_DESK: readonly Role[] = ['admin', 'receptionist', 'clinician'];
const CLINICAL: readonly Role[] = ['admin', 'clinician'];
const TAGS = ['patients'];
/** What a history is read from: the log itself, up to its last event shown. */
const EVENT_LOG = 'event-log';

const contextOf = (deps: { readonly clock: Clock }, input: RouteInput<unknown, unknown, unknown>): CommandContext =>
  requestContext(input, deps.clock.now());

/** A command on one patient: the route builds it from the request, the handler does the rest. */
const patientCommand = <P extends { patientId: string }, B>(
  deps: PatientsDeps,
  spec: {
    path: string;
    summary: string;
    roles: readonly Role[];
    params: t.Type<P, unknown, unknown>;
    body?: t.Type<B, unknown, unknown>;
    created?: (ids: string) => Record<string, string>;
    command: (input: { params: P; body: B; newId: string }) => PatientCommandInput;
  },
): Route =>
  defineRoute<P, unknown, B>({
    method: 'POST',
    path: spec.path,
    summary: spec.summary,
    tags: TAGS,
    roles: spec.roles,
    params: spec.params,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'Patient' },
    ...(spec.body ? { body: spec.body } : {}),
    errors: [404, 409, 410, 422],
    ...(spec.created ? { successStatus: 201 } : {}),
    handle: async (input) => {
      const newId = deps.ids.next();
      const result = await handlePatientCommand(deps)(
        input.params.patientId,
        spec.command({ params: input.params, body: input.body, newId }),
        contextOf(deps, input),
      );
      return E.map((r: { version: number; position: number }) => ({
        status: spec.created ? 201 : 200,
        body: { patientId: input.params.patientId, ...(spec.created?.(newId) ?? {}), version: r.version, position: r.position },
      }))(result);
    },
  });

export const patientRoutes = (deps: PatientsDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/patients',
    summary: 'Register a patient (assigns an MRN; flags a possible duplicate with 409 unless notADuplicate)',
    tags: TAGS,
    roles: FRONT_DESK,
    body: R.RegisterPatientBody,
    audit: { resource: 'Patient' },
    successStatus: 201,
    errors: [409, 422],
    handle: async (input) => {
      const { mrn, notADuplicate, ...demographics } = input.body;
      const result = await registerPatient(deps)(
        { demographics, ...(mrn === undefined ? {} : { mrn }), ...(notADuplicate === undefined ? {} : { notADuplicate }) },
        contextOf(deps, input),
      );
      return E.map((body: object) => ({ status: 201, body }))(result);
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/patients/:patientId/demographics',
    summary: "Change a patient's demographics (only the fields given)",
    tags: TAGS,
    roles: FRONT_DESK,
    params: R.PatientParams,
    body: R.UpdateDemographicsBody,
    audit: { resource: 'Patient' },
    errors: [404, 409, 410, 422],
    handle: async (input) => {
      const result = await handlePatientCommand(deps)(
        input.params.patientId,
        { type: 'UpdateDemographics', changes: input.body },
        contextOf(deps, input),
      );
      return E.map((r: { version: number; position: number }) => ({ body: { patientId: input.params.patientId, ...r } }))(result);
    },
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/allergies',
    summary: 'Record an allergy',
    roles: CLINICAL,
    params: R.PatientParams,
    body: R.RecordAllergyBody,
    created: (allergyId) => ({ allergyId }),
    command: ({ body, newId }) => ({ type: 'RecordAllergy', allergyId: newId, ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/allergies/:allergyId/resolve',
    summary: 'Mark an allergy as resolved',
    roles: CLINICAL,
    params: R.AllergyParams,
    body: R.ResolveAllergyBody,
    command: ({ params, body }) => ({ type: 'ResolveAllergy', allergyId: params.allergyId, ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/medical-history',
    summary: 'Add a medical-history entry (condition with ICD-10 code)',
    roles: CLINICAL,
    params: R.PatientParams,
    body: R.AddHistoryEntryBody,
    created: (entryId) => ({ entryId }),
    command: ({ body, newId }) => ({ type: 'AddMedicalHistoryEntry', entryId: newId, ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/medical-history/:entryId',
    summary: 'Update a medical-history entry (status, onset date, note)',
    roles: CLINICAL,
    params: R.HistoryEntryParams,
    body: R.UpdateHistoryEntryBody,
    command: ({ params, body }) => ({ type: 'UpdateMedicalHistoryEntry', entryId: params.entryId, ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/consents',
    summary: 'Record a consent given by the patient',
    roles: FRONT_DESK,
    params: R.PatientParams,
    body: R.RecordConsentBody,
    created: (consentId) => ({ consentId }),
    command: ({ body, newId }) => ({ type: 'RecordConsent', consentId: newId, ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/consents/:consentId/withdraw',
    summary: 'Withdraw a consent',
    roles: FRONT_DESK,
    params: R.ConsentParams,
    command: ({ params }) => ({ type: 'WithdrawConsent', consentId: params.consentId }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/deactivate',
    summary: 'Deactivate a patient record (no changes until reactivated)',
    roles: ['admin', 'receptionist'],
    params: R.PatientParams,
    body: R.DeactivateBody,
    command: ({ body }) => ({ type: 'DeactivatePatient', reason: body.reason }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/reactivate',
    summary: 'Reactivate a deactivated patient record',
    roles: ['admin', 'receptionist'],
    params: R.PatientParams,
    command: () => ({ type: 'ReactivatePatient' }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/death',
    summary: "Record a patient's death",
    roles: CLINICAL,
    params: R.PatientParams,
    body: R.RecordDeathBody,
    command: ({ body }) => ({ type: 'RecordDeath', dateOfDeath: body.dateOfDeath }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/contact-preferences',
    summary: 'Record how the patient wants reminders (email or sms), or that they opt out',
    roles: [...FRONT_DESK, 'patient'],
    params: R.PatientParams,
    body: R.ContactPreferencesBody,
    command: ({ body }) => ({ type: 'RecordContactPreferences', ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/legal-holds',
    summary: 'Place a legal hold on the record (litigation, an investigation): it cannot be erased until released or past `until`',
    roles: ['admin'],
    params: R.PatientParams,
    body: R.LegalHoldBody,
    created: (holdId) => ({ holdId }),
    command: ({ body, newId }) => ({ type: 'PlaceLegalHold', holdId: newId, ...body }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/legal-holds/:holdId/release',
    summary: 'Release a legal hold',
    roles: ['admin'],
    params: R.LegalHoldParams,
    command: ({ params }) => ({ type: 'ReleaseLegalHold', holdId: params.holdId }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/restrict-processing',
    summary: 'Restrict processing: the record is kept for legal use and hidden from searches and lists (the alternative to erasure)',
    roles: ['admin'],
    params: R.PatientParams,
    command: () => ({ type: 'RestrictProcessing' }),
  }),
  patientCommand(deps, {
    path: '/patients/:patientId/lift-restriction',
    summary: 'Lift a restriction of processing: the record is found by searches and lists again',
    roles: ['admin'],
    params: R.PatientParams,
    command: () => ({ type: 'LiftProcessingRestriction' }),
  }),
  defineRoute({
    method: 'POST',
    path: '/patients/:patientId/erase',
    summary:
      "Erase the patient's personal data for good (crypto-shredding: their key is destroyed; the log and its proofs stay whole). 409 inside the retention period (with the date erasure becomes possible) or under a legal hold",
    tags: TAGS,
    roles: ['admin'],
    params: R.PatientParams,
    body: R.EraseBody,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'Patient' },
    errors: [404, 409, 410],
    handle: async (input) => {
      const result = await erasePatient(deps)(input.params.patientId, input.body.reason, contextOf(deps, input));
      return E.map((r: { version: number; position: number; erasedAt: string }) => ({ body: { patientId: input.params.patientId, ...r } }))(
        result,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/patients/:patientId/history',
    summary: "The patient's events from the log, oldest first, with who recorded each (asOf: as the system knew it then)",
    tags: ['audit'],
    roles: ['admin', 'auditor', 'clinician', 'patient'],
    params: R.PatientParams,
    query: R.HistoryQuery,
    patientOf: ({ params }) => params.patientId,
    audit: {
      resource: 'PatientHistory',
      keepQuery: ['asOf'],
      // The same read, cut at the last event it showed: what came after is not what they saw.
      reproduce: async ({ params, query, role, positions }) => {
        const patientId = params['patientId'] ?? '';
        const events = await patientHistory(deps.store)(patientId, role, query['asOf']);
        const shown = positions[EVENT_LOG] ?? 0;
        return events && events !== 'erased' ? { patientId, events: events.filter((e) => e.position <= shown) } : undefined;
      },
    },
    errors: [404, 410],
    handle: async ({ params, query, principal }) => {
      const events = await patientHistory(deps.store)(params.patientId, principal.role, query.asOf);
      if (!events) return E.left(notFound('PATIENT_NOT_FOUND', 'no such patient'));
      if (events === 'erased') return E.left(gone('PATIENT_ERASED', 'the patient’s record was erased'));
      return E.right({ body: { patientId: params.patientId, events }, positions: { [EVENT_LOG]: events.at(-1)?.position ?? 0 } });
    },
  }),
];
