import * as E from 'fp-ts/lib/Either.js';
import { NotYet, policyContext, type StoredEvent } from '@hcms/shared-kernel';
import type { BillingDeps } from './billing.deps.js';
import { completeIssue } from './issue-invoice.handler.js';

export const ISSUE_STARTED_TOPICS = ['billing.InvoiceIssueStarted'];

/**
 * Every invoice whose issue began ends numbered: if the request that began it died before the
 * number (or before the issue under it), this finishes it, with the number the register gave it
 * if it has one. Finished already, it changes nothing.
 */
export const onIssueStarted =
  (deps: BillingDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'billing.InvoiceIssueStarted') return;
    const { invoiceId } = event.data as { invoiceId: string };
    const patientId = event.metadata.patientId;
    if (patientId === undefined) throw new Error(`InvoiceIssueStarted ${event.id} names no patient`);
    const ctx = policyContext('billing.on-issue-started', event, deps.clock.now());
    let result: Awaited<ReturnType<ReturnType<typeof completeIssue>>>;
    try {
      result = await completeIssue(deps)(patientId, invoiceId, ctx);
    } catch (error) {
      // A store or register that does not answer now will: the issue is finished then, never parked half-done.
      throw new NotYet(`invoice ${invoiceId} is not numbered yet: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (E.isLeft(result)) throw new Error(`could not finish issuing invoice ${invoiceId}: ${result.left.code}`);
  };
