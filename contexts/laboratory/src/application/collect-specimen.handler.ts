import * as E from 'fp-ts/lib/Either.js';
import { conflict, toIsoDateTime, unavailable, type CommandContext, type CommandResult, type DomainError } from '@hcms/shared-kernel';
import type { SpecimenType } from '../domain/order/lab-order.values.js';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { handleLabOrderCommand } from './lab-order-command.handler.js';

export interface CollectSpecimenRequest {
  readonly patientId: string;
  readonly labOrderId: string;
  readonly specimenType: SpecimenType;
  readonly collectedAt: string;
  /** A pre-printed label's; the laboratory draws one otherwise. */
  readonly accessionNumber?: string;
}

/**
 * A specimen collected, under its accession number. A label's number is checked against the
 * orders the laboratory knows: on another order's specimen it would make every analyser message
 * about either ambiguous (409 `ACCESSION_IN_USE`). A drawn number is random over 32⁸ a day.
 */
export const collectSpecimen =
  (deps: LaboratoryDeps) =>
  async (
    request: CollectSpecimenRequest,
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult & { accessionNumber: string }>> => {
    const { patientId, labOrderId, specimenType } = request;
    if (request.accessionNumber !== undefined) {
      const holder = await deps.references.orderOfAccession(request.accessionNumber);
      if (holder === 'behind')
        return E.left(unavailable('REFERENCE_DATA_BEHIND', 'the laboratory’s records are catching up; retry shortly'));
      if (holder !== undefined && holder.labOrderId !== labOrderId)
        return E.left(conflict('ACCESSION_IN_USE', 'this accession number is on another order’s specimen: use a new label'));
    }
    const accessionNumber = request.accessionNumber ?? deps.accessionNumber();
    // In UTC, as events keep instants, whatever offset the client sent.
    const collectedAt = toIsoDateTime(new Date(request.collectedAt));
    const collected = await handleLabOrderCommand(deps)(
      labOrderId,
      { type: 'CollectSpecimen', patientId, accessionNumber, specimenType, collectedAt },
      ctx,
    );
    return E.map((r: CommandResult) => ({ ...r, accessionNumber }))(collected);
  };
