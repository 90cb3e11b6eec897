import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type StoredEvent } from '@hcms/shared-kernel';
import { definitionsOf } from './catalogue.js';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { placeLabOrder } from './place-lab-order.handler.js';

export const LAB_ORDERED_TOPICS = ['consultations.LabOrdered'];

interface LabOrdered {
  readonly labOrderId: string;
  readonly encounterId: string;
  readonly patientId: string;
  readonly clinicianId: string;
  readonly tests: readonly { readonly code: string }[];
  readonly priority: 'routine' | 'urgent' | 'stat';
  readonly note?: string;
}

/**
 * An encounter's order becomes one lab order per specimen type (blood and urine are collected
 * apart): the first type, in a stable order, keeps the encounter's order id, the others take ids
 * derived from it. Redelivery places nothing twice.
 */
export const onLabOrdered =
  (deps: LaboratoryDeps) =>
  async (event: StoredEvent): Promise<void> => {
    if (event.type !== 'consultations.LabOrdered') return;
    const ordered = event.data as LabOrdered;
    const { tests } = await definitionsOf(
      deps,
      ordered.tests.map((t) => t.code),
    );
    const byType = new Map<string, string[]>();
    for (const { code } of ordered.tests) {
      const type = tests.find((t) => t.code === code)?.specimenType ?? 'unknown';
      byType.set(type, [...(byType.get(type) ?? []), code]);
    }
    const ctx = policyContext('laboratory.on-lab-ordered', event, deps.clock.now());
    const types = [...byType.keys()].sort();
    for (const [i, type] of types.entries()) {
      const labOrderId = i === 0 ? ordered.labOrderId : deps.derivedId(ordered.labOrderId, type);
      const result = await placeLabOrder(deps)(
        {
          labOrderId,
          patientId: ordered.patientId,
          source: { kind: 'encounter', encounterId: ordered.encounterId, placerOrderId: ordered.labOrderId },
          tests: byType.get(type) ?? [],
          priority: ordered.priority,
          orderingClinicianId: ordered.clinicianId,
          ...(ordered.note === undefined ? {} : { note: ordered.note }),
        },
        ctx,
      );
      // A refusal here is a defect (Consultations orders from this catalogue): parked for an operator, not dropped.
      if (E.isLeft(result)) throw new Error(`could not place lab order ${labOrderId}: ${result.left.code}`);
    }
  };
