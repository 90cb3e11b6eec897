import * as E from 'fp-ts/lib/Either.js';
import { loadAggregate, NotYet, runCommand, toIsoDateTime, type CommandContext, type StoredEvent } from '@hcms/shared-kernel';
import { labOrderStream } from '../contract.js';
import { messageKeyOf } from '../domain/order/lab-order.values.js';
import { labOrderAggregate, parkedResultAggregate } from './aggregate.js';
import { enterResults } from './enter-results.handler.js';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { observationInputs, refusalText } from './observation-input.js';

export const PARKED_ASSIGNED_TOPICS = ['laboratory.ParkedResultsAssigned'];

/**
 * Parked results assigned to an order are entered there, by the technician who assigned them (so
 * they may not verify them), under the message's own key: entering twice enters once. An order that
 * refuses them gives them back to the parked list with its reason.
 */
export const onParkedResultsAssigned =
  (deps: LaboratoryDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'laboratory.ParkedResultsAssigned') return;
    const stream = event.streamId;
    const parked = (await loadAggregate(deps.store, parkedResultAggregate, stream)).state;
    // Returned since, or replayed after another assignment: only the assignment in force is entered.
    const { labOrderId, patientId } = event.data as { labOrderId: string; patientId: string };
    if (parked.status !== 'assigned' || parked.labOrderId !== labOrderId) return;
    const ctx: CommandContext = {
      actor: event.metadata.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.id,
      now: deps.clock.now(),
    };
    const giveBack = async (reason: string) => {
      const returned = await runCommand(
        deps,
        parkedResultAggregate,
        stream,
        { type: 'ReturnParkedResults', labOrderId, reason, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id },
        ctx,
        { patientId },
      );
      if (E.isLeft(returned)) throw new Error(`could not return parked results ${parked.parked.parkedId}: ${returned.left.code}`);
    };
    const { sendingApplication, sendingFacility, messageControlId } = parked.parked;
    const source = { kind: 'hl7' as const, sendingApplication, sendingFacility, messageControlId };
    const order = (await loadAggregate(deps.store, labOrderAggregate, labOrderStream(labOrderId))).state;
    // Entered already (this reaction ran before, and is run again): settled, whatever the order says now.
    if (order.status !== 'none' && order.reports.some((r) => r.messages.includes(messageKeyOf(source)))) return;
    // The order's patient was erased since: their results are kept nowhere, not given back.
    if (order.status !== 'none' && order.erased) return;
    const observed = observationInputs(parked.parked.observations);
    if (E.isLeft(observed)) return giveBack(observed.left);
    const accessionNumber = order.status === 'none' ? undefined : order.specimen?.accessionNumber;
    if (accessionNumber === undefined) return giveBack('the order has no specimen to put results on');
    const entered = await enterResults(deps)(
      labOrderId,
      patientId,
      { type: 'EnterResults', accessionNumber, source },
      observed.right.inputs,
      ctx,
      { path: 'obx' },
    );
    if (E.isLeft(entered)) {
      // Not yet is not no: the patient's record is catching up.
      if (entered.left.code === 'REFERENCE_DATA_BEHIND') throw new NotYet(entered.left.message);
      return giveBack(refusalText(entered.left, observed.right.obx));
    }
  };
