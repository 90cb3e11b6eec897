import * as E from 'fp-ts/lib/Either.js';
import { gone, notFound, unavailable, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import type { Subject } from '../domain/order/lab-order.commands.js';
import type { ResultSource } from '../domain/order/lab-order.values.js';
import { analytesOf } from './catalogue.js';
import type { LaboratoryDeps, PatientFacts } from './laboratory.deps.js';
import { handleLabOrderCommand } from './lab-order-command.handler.js';
import { enteredResults, type ResultInput } from './result-input.js';

export type ResultsRequest =
  | { readonly type: 'EnterResults'; readonly accessionNumber: string; readonly source: ResultSource }
  | { readonly type: 'CorrectResults'; readonly reason: string };

/** The patient's sex and date of birth, which choose the reference ranges. */
const subjectOf = (patient: PatientFacts): E.Either<DomainError, Subject> => {
  if (patient === 'behind')
    return E.left(unavailable('REFERENCE_DATA_BEHIND', 'what this service knows of the patient is behind their record; retry shortly'));
  if ('subject' in patient) return E.right(patient.subject);
  return E.left(
    patient.standing === 'erased'
      ? gone('PATIENT_ERASED', 'the patient’s record was erased')
      : notFound('PATIENT_NOT_FOUND', 'no such patient'),
  );
};

/**
 * Results entered on a received specimen, or a correction of a final report: converted to each
 * test's unit, then interpreted in the domain against the catalogue's ranges as they stand now,
 * for the patient's sex and age at collection.
 */
export const enterResults =
  (deps: LaboratoryDeps) =>
  async (
    labOrderId: string,
    patientId: string,
    request: ResultsRequest,
    inputs: readonly ResultInput[],
    ctx: CommandContext,
    options: {
      /** Where the request names its results (`body.results`, or an analyser message's `obx`). */
      readonly path?: string;
      /** The patient as the caller read them already. */
      readonly patient?: PatientFacts;
    } = {},
  ): Promise<E.Either<DomainError, CommandResult>> => {
    const definitions = await analytesOf(deps, [...new Set(inputs.map((i) => i.code))]);
    const results = enteredResults(deps.units, definitions, inputs, options.path);
    if (E.isLeft(results)) return results;
    const subject = subjectOf(options.patient ?? (await deps.references.patient(patientId)));
    if (E.isLeft(subject)) return subject;
    const common = { patientId, results: results.right, definitions, subject: subject.right };
    return handleLabOrderCommand(deps)(labOrderId, { ...request, ...common }, ctx);
  };
