import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type LongText, type StoredEvent } from '@hcms/shared-kernel';
import { handleAccountCommand, loadAccount } from './account-command.handler.js';
import type { BillingDeps } from './billing.deps.js';

export const ENTERED_IN_ERROR_TOPICS = ['consultations.EncounterEnteredInError'];

/** Consultations' stream of an encounter (its contract's `encounterStream`). */
const ENCOUNTER_PREFIX = 'consultation-';
const REASON = 'The encounter was entered in error' as LongText;

/**
 * A signed encounter found to be the wrong patient's (entered in error) takes back what it
 * charged while still on a draft. Charges already invoiced stay for a billing clerk to credit:
 * an issued invoice changes only by a credit note, with a person's reason.
 */
export const onEncounterEnteredInError =
  (deps: BillingDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'consultations.EncounterEnteredInError' || !event.streamId.startsWith(ENCOUNTER_PREFIX)) return;
    const encounterId = event.streamId.slice(ENCOUNTER_PREFIX.length);
    const patientId = event.metadata.patientId;
    if (patientId === undefined) return;
    const account = await loadAccount(deps, patientId);
    const ctx = policyContext('billing.on-encounter-entered-in-error', event, deps.clock.now());
    const onDraft = Object.values(account.charges).filter(
      (c) =>
        c.status === 'open' &&
        c.source.kind === 'encounter' &&
        c.source.encounterId === encounterId &&
        account.invoices[c.invoiceId]?.status === 'draft',
    );
    for (const charge of onDraft) {
      const result = await handleAccountCommand(deps)(patientId, { type: 'VoidCharge', chargeId: charge.chargeId, reason: REASON }, ctx);
      // Issued meanwhile (a clerk was quicker): it is theirs to credit now.
      if (E.isLeft(result) && result.left.code !== 'CHARGE_INVOICED')
        throw new Error(`could not void charge ${charge.chargeId}: ${result.left.code}`);
    }
  };
