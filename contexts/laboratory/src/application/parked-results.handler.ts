import * as E from 'fp-ts/lib/Either.js';
import {
  conflict,
  loadAggregate,
  notFound,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
} from '@hcms/shared-kernel';
import { labOrderStream, parkedResultStream } from '../contract.js';
import { labOrderAggregate, parkedResultAggregate } from './aggregate.js';
import { enterResults } from './enter-results.handler.js';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { observationInputs } from './observation-input.js';

const noParked = notFound('PARKED_RESULTS_NOT_FOUND', 'no such parked results');

/**
 * A technician puts parked results on the order they belong to: entered on its current specimen
 * under the same rules as any result (refusals answered as such, the results staying parked), then
 * marked assigned. Done twice, the results are entered once (the message's control id is recorded).
 */
export const assignParkedResults =
  (deps: LaboratoryDeps) =>
  async (
    parkedId: string,
    target: { patientId: string; labOrderId: string },
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult>> => {
    const stream = parkedResultStream(parkedId);
    const parked = (await deps.store.readStream(stream))[0];
    if (!parked || parked.type !== 'laboratory.ResultsParked') return E.left(noParked);
    const message = parked.data as {
      sendingApplication: string;
      sendingFacility: string;
      messageControlId: string;
      observations: Parameters<typeof observationInputs>[0];
    };
    const inputs = observationInputs(message.observations);
    if (E.isLeft(inputs)) return E.left(conflict('PARKED_RESULTS_UNREADABLE', inputs.left));
    const order = (await loadAggregate(deps.store, labOrderAggregate, labOrderStream(target.labOrderId))).state;
    const accessionNumber = order.status === 'none' ? undefined : order.specimen?.accessionNumber;
    if (order.status === 'none' || order.patientId !== target.patientId)
      return E.left(notFound('LAB_ORDER_NOT_FOUND', 'no such lab order for this patient'));
    if (accessionNumber === undefined) return E.left(conflict('SPECIMEN_NOT_COLLECTED', 'the order has no specimen to put results on'));
    const entered = await enterResults(deps)(
      target.labOrderId,
      target.patientId,
      {
        type: 'EnterResults',
        accessionNumber,
        source: {
          kind: 'hl7',
          sendingApplication: message.sendingApplication,
          sendingFacility: message.sendingFacility,
          messageControlId: message.messageControlId,
        },
      },
      inputs.right,
      ctx,
    );
    if (E.isLeft(entered)) return entered;
    return runCommand(
      deps,
      parkedResultAggregate,
      stream,
      { type: 'AssignParkedResults', ...target, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id },
      ctx,
      { patientId: target.patientId },
    );
  };

export const discardParkedResults =
  (deps: LaboratoryDeps) =>
  async (parkedId: string, reason: string, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> =>
    runCommand(
      deps,
      parkedResultAggregate,
      parkedResultStream(parkedId),
      { type: 'DiscardParkedResults', reason, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id },
      ctx,
    );
