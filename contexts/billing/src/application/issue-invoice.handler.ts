import * as E from 'fp-ts/lib/Either.js';
import {
  addCalendarDays,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
  type IsoDate,
} from '@hcms/shared-kernel';
import { accountDecider } from '../domain/account/account.decider.js';
import { handleAccountCommand, loadAccount } from './account-command.handler.js';
import type { BillingDeps } from './billing.deps.js';

export interface Issued extends CommandResult {
  readonly number: string;
}

/**
 * A draft becomes an invoice. It is checked first, so a draft that cannot be issued takes no
 * number; then it is numbered in its year's register, then issued under that number on the
 * account. Interrupted between the two, it is completed from the register (a retry gets the same
 * number; so does the register's own reaction), so no number is left without its invoice.
 */
export const issueInvoice =
  (deps: BillingDeps) =>
  async (patientId: string, invoiceId: string, ctx: CommandContext): Promise<E.Either<DomainError, Issued>> => {
    const issuedOn = deps.today();
    const dueOn = addCalendarDays(issuedOn, deps.paymentTermsDays) as IsoDate;
    const draft = { invoiceId, dueOn, nextDraftId: deps.derivedId('next-draft', invoiceId) };
    const state = await loadAccount(deps, patientId);
    const stamp = { actorId: ctx.actor.id, at: toIsoDateTime(ctx.now), on: issuedOn };
    const check = accountDecider.decide({ type: 'IssueInvoice', number: '', ...draft, ...stamp }, state);
    const issuedAlready = state.invoices[invoiceId]?.number;
    if (E.isLeft(check) && issuedAlready === undefined) return check;
    const number = await deps.invoiceNumbers.numberFor({ invoiceId, patientId, issuedOn, dueOn }, ctx);
    const result = await completeIssue(deps)(patientId, { invoiceId, number, dueOn, issuedOn }, ctx);
    return E.map((r: CommandResult) => ({ ...r, number }))(result);
  };

/** Issues the invoice under the number the register gave it (again: nothing happens twice). */
export const completeIssue =
  (deps: BillingDeps) =>
  (
    patientId: string,
    issue: { readonly invoiceId: string; readonly number: string; readonly dueOn: IsoDate; readonly issuedOn: IsoDate },
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult>> =>
    handleAccountCommand({ ...deps, today: () => issue.issuedOn })(
      patientId,
      {
        type: 'IssueInvoice',
        invoiceId: issue.invoiceId,
        number: issue.number,
        dueOn: issue.dueOn,
        nextDraftId: deps.derivedId('next-draft', issue.invoiceId),
      },
      ctx,
    );
