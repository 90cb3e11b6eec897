import * as E from 'fp-ts/lib/Either.js';
import {
  addCalendarDays,
  conflict,
  loadAggregate,
  notFound,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type IsoDate,
} from '@hcms/shared-kernel';
import { accountStream } from '../contract.js';
import { accountAggregate } from './aggregate.js';
import { handleAccountCommand } from './account-command.handler.js';
import type { BillingDeps } from './billing.deps.js';

export interface Issued extends CommandResult {
  readonly number: string;
}

/**
 * A draft becomes an invoice in two steps on the account. First it is frozen and dated (a draft
 * that cannot be issued stops here, having taken no number); then it is numbered in the register
 * of its issue date's year and issued under that number. A durable reaction to the first step
 * finishes the second whenever a process dies in between, and a retry does the same, so every
 * number ends on its invoice and no invoice takes two.
 */
export const issueInvoice =
  (deps: BillingDeps) =>
  async (patientId: string, invoiceId: string, ctx: CommandContext): Promise<E.Either<DomainError, Issued>> => {
    // One day for both dates: the terms are counted from the day the invoice is dated.
    const issuedOn = deps.today();
    const dueOn = addCalendarDays(issuedOn, deps.paymentTermsDays) as IsoDate;
    const nextDraftId = deps.derivedId('next-draft', invoiceId);
    const started = await handleAccountCommand({ ...deps, today: () => issuedOn })(
      patientId,
      { type: 'StartIssue', invoiceId, dueOn, nextDraftId },
      ctx,
    );
    if (E.isLeft(started)) return started;
    return completeIssue(deps)(patientId, invoiceId, ctx);
  };

/** Numbers an invoice being issued and issues it; a numbered one (issued, or voided since) answers its number. */
export const completeIssue =
  (deps: BillingDeps) =>
  async (patientId: string, invoiceId: string, ctx: CommandContext): Promise<E.Either<DomainError, Issued>> => {
    const { state, version, position } = await loadAggregate(deps.store, accountAggregate, accountStream(patientId));
    const inv = state.invoices[invoiceId];
    if (!inv) return E.left(notFound('INVOICE_NOT_FOUND', 'no such invoice on this account', { details: { invoiceId } }));
    if (inv.number !== undefined) return E.right({ streamId: accountStream(patientId), version, position, number: inv.number });
    if (inv.status !== 'issuing' || inv.issuedOn === undefined || inv.dueOn === undefined)
      return E.left(conflict('INVOICE_NOT_DRAFT', `the invoice is ${inv.status}: it is not being issued`, { details: { invoiceId } }));
    const number = await deps.invoiceNumbers.numberFor({ invoiceId, patientId, issuedOn: inv.issuedOn, dueOn: inv.dueOn }, ctx);
    const issued = await handleAccountCommand(deps)(patientId, { type: 'IssueInvoice', invoiceId, number }, ctx);
    return E.map((r: CommandResult) => ({ ...r, number }))(issued);
  };
