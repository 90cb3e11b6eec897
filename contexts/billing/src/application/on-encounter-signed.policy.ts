import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type IsoDate, type StoredEvent } from '@hcms/shared-kernel';
import type { BillingDeps } from './billing.deps.js';
import { captureCharge } from './capture-charge.js';

export const ENCOUNTER_SIGNED_TOPICS = ['consultations.EncounterSigned'];

interface EncounterSigned {
  readonly encounterId: string;
  readonly patientId: string;
  readonly dateOfService: IsoDate;
  readonly services: readonly { readonly system: string; readonly code: string }[];
}

/**
 * A signed encounter's billable services become charges, one per service line, priced on the
 * date of service. A line's charge id is derived from the encounter and the line, so a
 * redelivered or replayed signature charges nothing twice. Unsigned encounters send nothing.
 */
export const onEncounterSigned =
  (deps: BillingDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'consultations.EncounterSigned') return;
    const signed = event.data as EncounterSigned;
    const ctx = policyContext('billing.on-encounter-signed', event, deps.clock.now());
    for (const [line, service] of signed.services.entries()) {
      const result = await captureCharge(deps)(
        {
          patientId: signed.patientId,
          chargeId: deps.derivedId('encounter', signed.encounterId, String(line)),
          source: { kind: 'encounter', encounterId: signed.encounterId, line },
          encounterId: signed.encounterId,
          code: service.code,
          description: `${service.system} ${service.code}`,
          serviceDate: signed.dateOfService,
          quantity: 1,
        },
        ctx,
      );
      // A refusal here is a defect (the account takes every charge): parked for an operator, not dropped.
      if (E.isLeft(result)) throw new Error(`could not charge encounter ${signed.encounterId} line ${line}: ${result.left.code}`);
    }
  };
