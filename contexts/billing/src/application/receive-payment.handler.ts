import * as E from 'fp-ts/lib/Either.js';
import { notFound, unavailable, type CommandContext, type DomainError, type Money } from '@hcms/shared-kernel';
import type { PaymentMethod } from '../domain/account/billing.values.js';
import type { Payment, PendingPayment } from '../domain/account/account.state.js';
import { handleAccountCommand, loadAccount } from './account-command.handler.js';
import type { BillingDeps } from './billing.deps.js';

export interface PaymentRequest {
  readonly method: PaymentMethod;
  readonly amount: Money;
  readonly allocations?: readonly { readonly invoiceId: string; readonly amount: Money }[];
  readonly reference?: string;
  /** A patient's own card payment: it waits for billing to confirm the processor settled it. */
  readonly pending?: boolean;
}

export interface Received {
  readonly payment: Payment | (PendingPayment & { readonly status: 'pending' | 'declined' });
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
    const earlier = idempotencyKey === undefined ? undefined : await loadAccount(deps, patientId);
    const before = earlier?.payments[paymentId] ?? earlier?.pending[paymentId];
    // A retry finds its payment whatever the patient directory says; a first payment needs a known patient.
    if (before === undefined) {
      const known = await deps.patientExists(patientId);
      if (known === 'behind') return E.left(unavailable('NOT_CAUGHT_UP', 'the patient directory is catching up: retry shortly'));
      if (!known) return E.left(notFound('PATIENT_NOT_FOUND', 'no such patient', { details: { patientId } }));
    }
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
        ...(request.pending ? { pending: true } : {}),
      },
      ctx,
    );
    if (E.isLeft(result)) return result;
    const account = await loadAccount(deps, patientId);
    const pending = account.pending[paymentId];
    const payment =
      account.payments[paymentId] ?? (pending && { ...pending, status: pending.declined ? ('declined' as const) : ('pending' as const) });
    if (!payment) throw new Error(`payment ${paymentId} was recorded but is not on the account`);
    return E.right({ payment, created: before === undefined, position: result.right.position });
  };
