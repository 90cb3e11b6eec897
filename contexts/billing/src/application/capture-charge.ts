import type * as E from 'fp-ts/lib/Either.js';
import type { CommandContext, CommandResult, DomainError, IsoDate, Money } from '@hcms/shared-kernel';
import type { ChargeSource } from '../domain/account/billing.values.js';
import { handleAccountCommand } from './account-command.handler.js';
import type { BillingDeps } from './billing.deps.js';
import { feeOn } from './fee-schedule.js';

export interface ChargeRequest {
  readonly patientId: string;
  readonly chargeId: string;
  readonly source: ChargeSource;
  /** The encounter the charge belongs to, if any: its charges are invoiced together. */
  readonly encounterId?: string;
  readonly code: string;
  readonly serviceDate: IsoDate;
  readonly quantity: number;
  /** Used when the fee schedule does not describe the code. */
  readonly description?: string;
  /** A billing clerk's price; otherwise the fee schedule's in force on the date of service. */
  readonly unitPrice?: Money;
}

/** The account's own draft, for charges outside any encounter. */
export const ACCOUNT_GROUP = 'account';

/**
 * A charge on the patient's account, gathered on its group's draft, priced from the fee schedule
 * on the date of service unless given. With no price anywhere it is recorded unpriced and waits
 * for a billing clerk: what was done is never dropped for want of a price.
 */
export const captureCharge =
  (deps: BillingDeps) =>
  async (request: ChargeRequest, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> => {
    const fee = await feeOn(deps, request.code, request.serviceDate);
    const unitPrice = request.unitPrice ?? fee?.price;
    return handleAccountCommand(deps)(
      request.patientId,
      {
        type: 'CaptureCharge',
        chargeId: request.chargeId,
        draftId: deps.derivedId('draft', request.chargeId),
        group: request.encounterId ?? ACCOUNT_GROUP,
        currency: deps.currency,
        source: request.source,
        code: request.code,
        description: fee?.description ?? request.description ?? request.code,
        serviceDate: request.serviceDate,
        quantity: request.quantity,
        ...(unitPrice === undefined ? {} : { unitPrice }),
      },
      ctx,
    );
  };
