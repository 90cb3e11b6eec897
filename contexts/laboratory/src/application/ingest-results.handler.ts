import * as E from 'fp-ts/lib/Either.js';
import { runCommand, toIsoDateTime, type CommandContext } from '@hcms/shared-kernel';
import { parkedResultStream } from '../contract.js';
import type { ParkReason, ReceivedObservation } from '../domain/inbox/parked-result.events.js';
import { parkedResultAggregate } from './aggregate.js';
import { enterResults } from './enter-results.handler.js';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { observationInputs, refusalText } from './observation-input.js';

/** Results as an analyser or a reference laboratory sent them (an HL7 v2 ORU^R01, parsed). */
export interface IncomingResults {
  readonly messageControlId: string;
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly accessionNumber?: string;
  /** PID-3: the patient as the sender names them; compared with the order's patient's MRN when given. */
  readonly patientIdentifier?: string;
  readonly observations: readonly ReceivedObservation[];
}

/** Entered on the order, parked for a technician (taken, not lost), or refused: the sender must correct and send again. */
export type IngestOutcome =
  | { readonly outcome: 'entered'; readonly labOrderId: string }
  | { readonly outcome: 'parked'; readonly parkedId: string; readonly reason: ParkReason }
  | { readonly outcome: 'not-kept'; readonly reason: string }
  | { readonly outcome: 'refused'; readonly reason: string }
  /** Not now: the sender is to send it again. */
  | { readonly outcome: 'later'; readonly reason: string };

/** Refusals that say the order cannot take these results now, not that the message is wrong: the results are parked. */
const NOT_ACCEPTED = new Set([
  'LAB_ORDER_NOT_FOUND',
  'LAB_ORDER_CANCELLED',
  'LAB_ORDER_FINAL',
  'SPECIMEN_NOT_FOUND',
  'SPECIMEN_NOT_RECEIVED',
  'SPECIMEN_REJECTED',
  'TEST_NOT_ORDERED',
  'PATIENT_NOT_FOUND',
]);

const CATCHING_UP = 'the laboratory’s records are catching up; send again shortly';

/** The sender, as the actor of what its message records. */
export const senderOf = (message: IncomingResults): CommandContext['actor'] => ({
  id: `hl7:${message.sendingApplication}@${message.sendingFacility}`,
  role: 'lab-technician',
});

/**
 * Results from a message: matched to the order by the specimen's accession number and entered
 * there under the same rules as at the bench. What cannot be matched, or the order cannot take, is
 * parked; a message sent again parks once and enters once (its control id is recorded).
 */
export const ingestResults =
  (deps: LaboratoryDeps) =>
  async (message: IncomingResults, correlationId: string): Promise<IngestOutcome> => {
    const ctx: CommandContext = { actor: senderOf(message), correlationId, now: deps.clock.now() };
    const park = async (reason: ParkReason, detail: string, patientId?: string): Promise<IngestOutcome> => {
      const parkedId = deps.derivedId('hl7', message.sendingApplication, message.sendingFacility, message.messageControlId);
      const parked = await runCommand(
        deps,
        parkedResultAggregate,
        parkedResultStream(parkedId),
        {
          type: 'ParkResults',
          parkedId,
          reason,
          detail,
          sendingApplication: message.sendingApplication,
          sendingFacility: message.sendingFacility,
          messageControlId: message.messageControlId,
          observations: [...message.observations],
          receivedAt: toIsoDateTime(ctx.now),
          ...(message.accessionNumber === undefined ? {} : { accessionNumber: message.accessionNumber }),
          at: toIsoDateTime(ctx.now),
          actorId: ctx.actor.id,
        },
        ctx,
        patientId === undefined ? {} : { patientId },
      );
      if (E.isLeft(parked)) throw new Error(`could not park results: ${parked.left.code}`);
      return { outcome: 'parked', parkedId, reason };
    };

    const observed = observationInputs(message.observations);
    if (E.isLeft(observed)) return { outcome: 'refused', reason: observed.left };
    // Every test of it could not be run (OBX-11 X, D, N): nothing to enter, and nothing wrong with it.
    if (observed.right.inputs.length === 0) return { outcome: 'not-kept', reason: 'no observation has a value' };
    if (message.accessionNumber === undefined) return park('no-accession', 'the message names no accession number');
    const order = await deps.references.orderOfAccession(message.accessionNumber);
    if (order === 'behind') return { outcome: 'later', reason: CATCHING_UP };
    if (order === undefined) return park('unknown-accession', 'no specimen has this accession number');
    const patient = await deps.references.patient(order.patientId);
    if (patient === 'behind') return { outcome: 'later', reason: CATCHING_UP };
    // A mislabelled tube, or a mistyped number: the results must not land on someone else's record.
    if (message.patientIdentifier !== undefined && 'mrn' in patient && patient.mrn !== message.patientIdentifier)
      return park('patient-mismatch', 'PID-3 does not name the patient whose specimen has this accession number', order.patientId);
    const { sendingApplication, sendingFacility, messageControlId } = message;
    const entered = await enterResults(deps)(
      order.labOrderId,
      order.patientId,
      {
        type: 'EnterResults',
        accessionNumber: message.accessionNumber,
        source: { kind: 'hl7', sendingApplication, sendingFacility, messageControlId },
      },
      observed.right.inputs,
      ctx,
      { path: 'obx', patient },
    );
    if (E.isRight(entered)) return { outcome: 'entered', labOrderId: order.labOrderId };
    // The patient's record was erased: their results are not kept anywhere, the sender is told it was taken.
    if (entered.left.code === 'PATIENT_ERASED') return { outcome: 'not-kept', reason: 'the patient’s record was erased' };
    if (NOT_ACCEPTED.has(entered.left.code)) return park('not-accepted', `${entered.left.code}: ${entered.left.message}`, order.patientId);
    return { outcome: 'refused', reason: refusalText(entered.left, observed.right.obx) };
  };
