import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type StoredEvent } from '@hcms/shared-kernel';
import type { BillingDeps } from './billing.deps.js';
import { captureCharge } from './capture-charge.js';

export const LAB_RESULT_TOPICS = ['laboratory.LabResultFinalized'];

interface LabResultFinalized {
  readonly labOrderId: string;
  readonly patientId: string;
  readonly source: { readonly kind: 'encounter'; readonly encounterId: string } | { readonly kind: 'direct' };
  readonly tests: readonly { readonly code: string; readonly name: string }[];
  readonly collectedAt: string;
}

/**
 * A verified report charges each ordered test once, on the day the specimen was collected.
 * Every report version (a correction) is finalised again; the charge id is the order's and the
 * test's, so a correction, a redelivery or a replay charges nothing more. A cancelled order is
 * never finalised, so it is never charged.
 */
export const onLabResultFinalized =
  (deps: BillingDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'laboratory.LabResultFinalized') return;
    const report = event.data as LabResultFinalized;
    const ctx = policyContext('billing.on-lab-result-finalized', event, deps.clock.now());
    for (const test of report.tests) {
      const result = await captureCharge(deps)(
        {
          patientId: report.patientId,
          chargeId: deps.derivedId('lab', report.labOrderId, test.code),
          source: { kind: 'lab', labOrderId: report.labOrderId },
          ...(report.source.kind === 'encounter' ? { encounterId: report.source.encounterId } : {}),
          code: test.code,
          description: test.name,
          serviceDate: deps.dateOf(report.collectedAt),
          quantity: 1,
        },
        ctx,
      );
      if (E.isLeft(result)) throw new Error(`could not charge lab order ${report.labOrderId} test ${test.code}: ${result.left.code}`);
    }
  };
