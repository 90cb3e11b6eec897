import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  defineRoute,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type Role,
  type Route,
  type RouteInput,
  requestContext,
  type Clock,
} from '@hcms/shared-kernel';
import { collectSpecimen } from '../application/collect-specimen.handler.js';
import { enterResults } from '../application/enter-results.handler.js';
import type { LaboratoryDeps } from '../application/laboratory.deps.js';
import { handleLabOrderCommand, type LabOrderCommandInput } from '../application/lab-order-command.handler.js';
import { placeLabOrder } from '../application/place-lab-order.handler.js';
import * as R from './lab.requests.js';

const TAGS = ['laboratory'];
const LAB: readonly Role[] = ['lab-technician'];
const PATH = '/patients/:patientId/lab-orders/:labOrderId';

export const contextOf = (deps: { readonly clock: Clock }, input: RouteInput<unknown, unknown, unknown>): CommandContext =>
  requestContext(input, deps.clock.now());

type Params = { patientId: string; labOrderId: string };

/** What a step answers: the order's new version and position, and what the step gave (the accession number). */
type Outcome = CommandResult & { readonly accessionNumber?: string };
const answer = (status: number, params: Params) => E.map(({ streamId: _stream, ...r }: Outcome) => ({ status, body: { ...params, ...r } }));

/** A step of an order's workflow: the route builds the command, or runs its own handler, and answers with the order's new version. */
const labOrderStep = <P extends Params, B>(
  deps: LaboratoryDeps,
  spec: {
    path: string;
    summary: string;
    roles?: readonly Role[];
    params: t.Type<P, unknown, unknown>;
    body?: t.Type<B, unknown, unknown>;
    errors?: readonly number[];
    successStatus?: number;
    run: (input: { params: P; body: B; ctx: CommandContext }) => Promise<E.Either<DomainError, Outcome>>;
  },
): Route =>
  defineRoute<P, unknown, B>({
    method: 'POST',
    path: `${PATH}${spec.path}`,
    summary: spec.summary,
    tags: TAGS,
    roles: spec.roles ?? LAB,
    params: spec.params,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'LabOrder' },
    ...(spec.body ? { body: spec.body } : {}),
    // 410 once the patient is erased.
    errors: spec.errors ?? [404, 409, 410, 422],
    ...(spec.successStatus ? { successStatus: spec.successStatus } : {}),
    handle: async (input) => {
      const { params, body } = input;
      const result = await spec.run({ params, body, ctx: contextOf(deps, input) });
      const ids = { patientId: params.patientId, labOrderId: params.labOrderId };
      return answer(spec.successStatus ?? 200, ids)(result);
    },
  });

const command = (deps: LaboratoryDeps, params: Params, input: LabOrderCommandInput, ctx: CommandContext, readVersion?: number) =>
  handleLabOrderCommand(deps)(params.labOrderId, input, ctx, readVersion);

export const labOrderRoutes = (deps: LaboratoryDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/patients/:patientId/lab-orders',
    summary:
      'Order tests of the laboratory catalogue (LOINC codes; a panel orders its members) for one specimen type; an encounter’s orders arrive from Consultations on their own',
    tags: TAGS,
    roles: ['clinician'],
    params: R.PatientParams,
    body: R.PlaceLabOrderBody,
    patientOf: ({ params }) => params.patientId,
    audit: { resource: 'LabOrder' },
    successStatus: 201,
    errors: [404, 409, 410, 422, 503],
    handle: async (input) => {
      const labOrderId = deps.ids.next();
      const { patientId } = input.params;
      const { tests, priority, note } = input.body;
      const result = await placeLabOrder(deps)(
        {
          labOrderId,
          patientId,
          source: { kind: 'direct' },
          tests,
          priority: priority ?? 'routine',
          ...(note === undefined ? {} : { note }),
        },
        contextOf(deps, input),
      );
      return answer(201, { patientId, labOrderId })(result);
    },
  }),
  labOrderStep(deps, {
    path: '/specimens',
    summary:
      'Record the specimen collected for the order, with its accession number (for its label and every analyser message about it): a pre-printed label’s, or one the laboratory gives. The same accession number again is a retry and records nothing; one on another order’s specimen is 409 ACCESSION_IN_USE',
    roles: ['lab-technician', 'clinician'],
    params: R.LabOrderParams,
    body: R.CollectSpecimenBody,
    successStatus: 201,
    errors: [404, 409, 410, 422, 503],
    run: ({ params, body, ctx }) => collectSpecimen(deps)({ ...params, ...body }, ctx),
  }),
  labOrderStep(deps, {
    path: '/specimens/:accessionNumber/receive',
    summary: 'The specimen arrived in the laboratory: results may be entered on it',
    params: R.SpecimenParams,
    run: ({ params, ctx }) =>
      command(deps, params, { type: 'ReceiveSpecimen', patientId: params.patientId, accessionNumber: params.accessionNumber }, ctx),
  }),
  labOrderStep(deps, {
    path: '/specimens/:accessionNumber/reject',
    summary: 'The specimen cannot be tested (haemolysed, clotted, mislabelled…): the order goes back to “recollect”, not cancelled',
    params: R.SpecimenParams,
    body: R.RejectSpecimenBody,
    run: ({ params, body, ctx }) =>
      command(deps, params, { type: 'RejectSpecimen', patientId: params.patientId, accessionNumber: params.accessionNumber, ...body }, ctx),
  }),
  labOrderStep(deps, {
    path: '/results',
    summary:
      'Enter results on the received specimen: a number (converted to the test’s unit by UCUM; `comparator` for values such as <10), a coded answer, or text. Each is flagged H/L/HH/LL/N from the range for the patient’s sex and age at collection (no range, no flag); a value outside what the test can measure is refused. A result replaces the one before it until verification',
    params: R.LabOrderParams,
    body: R.EnterResultsBody,
    errors: [404, 409, 410, 422, 503],
    run: ({ params, body, ctx }) =>
      enterResults(deps)(
        params.labOrderId,
        params.patientId,
        { type: 'EnterResults', accessionNumber: body.accessionNumber, source: { kind: 'manual' } },
        body.results,
        ctx,
      ),
  }),
  labOrderStep(deps, {
    path: '/verify',
    summary:
      'Verify the results as read at `version`, by someone who entered none of them (403 SAME_USER_VERIFICATION): the report is final (or corrected), and a critical value raises an alert to the ordering clinician',
    params: R.LabOrderParams,
    body: R.VerifyBody,
    errors: [403, 404, 409, 410, 422],
    run: ({ params, body, ctx }) => command(deps, params, { type: 'VerifyResults', patientId: params.patientId }, ctx, body.version),
  }),
  labOrderStep(deps, {
    path: '/corrections',
    summary:
      'Correct a final report, with the reason: a new version to be verified again (status corrected); the original stays readable and the clinician is told',
    params: R.LabOrderParams,
    body: R.CorrectResultsBody,
    errors: [404, 409, 410, 422, 503],
    run: ({ params, body, ctx }) =>
      enterResults(deps)(params.labOrderId, params.patientId, { type: 'CorrectResults', reason: body.reason }, body.results, ctx),
  }),
  labOrderStep(deps, {
    path: '/critical-callbacks',
    summary:
      'Record the call about a critical result: who was reached, whether they read the values back, when. A confirmed read-back ends the alert’s escalation; an unconfirmed one is recorded and escalation goes on',
    roles: ['lab-technician', 'clinician'],
    params: R.LabOrderParams,
    body: R.CriticalCallbackBody,
    run: ({ params, body, ctx }) =>
      command(
        deps,
        params,
        { type: 'RecordCriticalCallback', patientId: params.patientId, ...body, calledAt: toIsoDateTime(new Date(body.calledAt)) },
        ctx,
      ),
  }),
  labOrderStep(deps, {
    path: '/cancel',
    summary: 'Cancel the order before any result was entered',
    roles: ['clinician', 'lab-technician'],
    params: R.LabOrderParams,
    body: R.CancelBody,
    run: ({ params, body, ctx }) =>
      command(
        deps,
        params,
        { type: 'CancelLabOrder', patientId: params.patientId, ...(body.reason === undefined ? {} : { reason: body.reason }) },
        ctx,
      ),
  }),
];
