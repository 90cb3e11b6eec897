import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type StoredEvent } from '@hcms/shared-kernel';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { handleLabOrderCommand } from './lab-order-command.handler.js';

export const PATIENT_ERASED_TOPICS = ['patients.PatientErased'];

/**
 * When Patients says a patient was erased, each of their lab orders forgets what people wrote and
 * what was measured (their key is gone already: this has the read models drop their copies).
 * Redelivery is harmless: an order forgets once.
 */
export const onPatientErased =
  (deps: LaboratoryDeps) =>
  async (event: StoredEvent): Promise<void> => {
    const patientId = event.metadata.patientId;
    if (event.type !== 'patients.PatientErased' || patientId === undefined) return;
    const ctx = policyContext('laboratory.on-patient-erased', event, deps.clock.now());
    for (const labOrderId of await deps.references.ordersOf(patientId)) {
      const result = await handleLabOrderCommand(deps)(labOrderId, { type: 'EraseDetails', patientId }, ctx);
      if (E.isLeft(result)) throw new Error(`could not erase the details of lab order ${labOrderId}: ${result.left.code}`);
    }
  };
