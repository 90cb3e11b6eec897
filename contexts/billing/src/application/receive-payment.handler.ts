import * as E from 'fp-ts/lib/Either.js';
import type { CommandContext, DomainError, Money } from '@hcms/shared-kernel';
import type { PaymentMethod } from '../domain/account/billing.values.js';
import type { Payment } from '../domain/account/account.state.js';
import { handleAccountCommand, loadAccount } from './account-command.handler.js';
import type { BillingDeps } from './billing.deps.js';

export interface PaymentRequest {
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly allocations?: readonly { readonly invoiceId: string; readonly amount: Money }[];
  readonly reference?: string;
}

export interface Received {
  readonly payment: Payment;
  /** False when the idempotency key named a payment recorded before: this is the original. */
  readonly created: boolean;
  readonly position: number;
}

/**
 * A payment, once. With an idempotency key its id is derived from the key and the account, so a
 * retried request (a timeout, a webhook delivered twice) finds the payment it made and gets it
 * back; the same key with another amount or method is refused. The key is the account's: keys
 * are chosen by the client per payment, and another patient's payment is another request.
 */
export const receivePayment =
  (deps: BillingDeps) =>
  async (
    patientId: string,
    request: PaymentRequest,
    idempotencyKey: string | undefined,
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, Received>> => {
    const paymentId = idempotencyKey === undefined ? deps.ids.next() : deps.derivedId('payment', patientId, idempotencyKey);
    const before = idempotencyKey === undefined ? undefined : (await loadAccount(deps, patientId)).payments[paymentId];
    const result = await handleAccountCommand(deps)(
      patientId,
      {
        type: 'ReceivePayment',
        paymentId,
        method: request.method,
        amount: request.amount,
        ...(request.allocations === undefined ? {} : { allocations: request.allocations }),
        ...(request.reference === undefined ? {} : { reference: request.reference }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      },
      ctx,
    );
    if (E.isLeft(result)) return result;
    const payment = (await loadAccount(deps, patientId)).payments[paymentId];
    if (!payment) throw new Error(`payment ${paymentId} was recorded but is not on the account`);
    return E.right({ payment, created: before === undefined, position: result.right.position });
  };
