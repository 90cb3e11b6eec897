import * as E from 'fp-ts/lib/Either.js';
import { loadAggregate, NotYet, runCommand, toIsoDateTime, type CommandContext, type StoredEvent } from '@hcms/shared-kernel';
import { labOrderStream } from '../contract.js';
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
    const inputs = observationInputs(parked.parked.observations);
    if (E.isLeft(inputs)) return giveBack(inputs.left);
    const order = (await loadAggregate(deps.store, labOrderAggregate, labOrderStream(labOrderId))).state;
    const accessionNumber = order.status === 'none' ? undefined : order.specimen?.accessionNumber;
    if (accessionNumber === undefined) return giveBack('the order has no specimen to put results on');
    const { sendingApplication, sendingFacility, messageControlId } = parked.parked;
    const entered = await enterResults(deps)(
      labOrderId,
      patientId,
      { type: 'EnterResults', accessionNumber, source: { kind: 'hl7', sendingApplication, sendingFacility, messageControlId } },
      inputs.right,
      ctx,
      undefined,
      'obx',
    );
    if (E.isLeft(entered)) {
      // Not yet is not no: the patient's record is catching up.
      if (entered.left.code === 'REFERENCE_DATA_BEHIND') throw new NotYet(entered.left.message);
      return giveBack(refusalText(entered.left));
    }
  };
