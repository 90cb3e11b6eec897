import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type StoredEvent } from '@hcms/shared-kernel';
import { invoiceNumber, type InvoiceNumberAssigned } from '../domain/register/invoice-register.events.js';
import type { BillingDeps } from './billing.deps.js';
import { completeIssue } from './issue-invoice.handler.js';

export const NUMBER_ASSIGNED_TOPICS = ['billing.InvoiceNumberAssigned'];

/**
 * Every number of the register ends on its invoice: an issue interrupted after the number was
 * taken is completed here, with the dates the register recorded. Done already, it changes nothing.
 */
export const onInvoiceNumberAssigned =
  (deps: BillingDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'billing.InvoiceNumberAssigned') return;
    const assigned = event.data as InvoiceNumberAssigned['data'];
    const ctx = policyContext('billing.on-invoice-number-assigned', event, deps.clock.now());
    const number = invoiceNumber(assigned.year, event.version);
    const result = await completeIssue(deps)(
      assigned.patientId,
      { invoiceId: assigned.invoiceId, number, issuedOn: assigned.issuedOn, dueOn: assigned.dueOn },
      ctx,
    );
    if (E.isLeft(result)) throw new Error(`could not complete invoice ${number}: ${result.left.code}`);
  };
