import * as E from 'fp-ts/lib/Either.js';
import {
  conflict,
  gone,
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
import type { LaboratoryDeps } from './laboratory.deps.js';

/**
 * A technician puts parked results on the order they belong to. The assignment is recorded only
 * on the parked results as they were read (two technicians at once: one wins, 409), and the
 * results are entered by the reaction to it (`onParkedResultsAssigned`), so an assignment is
 * never half done; an order that will not take them gives them back, parked, with the reason.
 */
export const assignParkedResults =
  (deps: LaboratoryDeps) =>
  async (
    parkedId: string,
    target: { patientId: string; labOrderId: string },
    ctx: CommandContext,
    readVersion?: number,
  ): Promise<E.Either<DomainError, CommandResult>> => {
    const stream = parkedResultStream(parkedId);
    const parked = await loadAggregate(deps.store, parkedResultAggregate, stream);
    if (parked.state.status === 'none') return E.left(notFound('PARKED_RESULTS_NOT_FOUND', 'no such parked results'));
    const order = (await loadAggregate(deps.store, labOrderAggregate, labOrderStream(target.labOrderId))).state;
    if (order.status === 'none' || order.patientId !== target.patientId)
      return E.left(notFound('LAB_ORDER_NOT_FOUND', 'no such lab order for this patient'));
    if (order.erased) return E.left(gone('PATIENT_ERASED', 'the patient’s record was erased'));
    if (!order.specimen) return E.left(conflict('SPECIMEN_NOT_COLLECTED', 'the order has no specimen to put results on'));
    const assigned = await runCommand(
      deps,
      parkedResultAggregate,
      stream,
      { type: 'AssignParkedResults', ...target, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id },
      ctx,
      { patientId: target.patientId, expectedVersion: readVersion ?? parked.version },
    );
    return E.isLeft(assigned) && assigned.left.code === 'STREAM_CHANGED'
      ? E.left(conflict('PARKED_RESULTS_CHANGED', 'these parked results changed since they were read: read them again'))
      : assigned;
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
