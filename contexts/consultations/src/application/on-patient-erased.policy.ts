import * as E from 'fp-ts/lib/Either.js';
import { policyContext, type StoredEvent } from '@hcms/shared-kernel';
import type { ConsultationsDeps } from './consultations.deps.js';
import { handleEncounterCommand } from './encounter-command.handler.js';

export const PATIENT_ERASED_TOPICS = ['patients.PatientErased'];

/**
 * When Patients says a patient was erased, each of their encounters forgets what their clinicians
 * wrote (their key is gone already: this has the read models drop their copies). Redelivery is
 * harmless: an encounter forgets once.
 */
export const onPatientErased =
  (deps: ConsultationsDeps) =>
  async (event: StoredEvent): Promise<void> => {
    const patientId = event.metadata.patientId;
    if (event.type !== 'patients.PatientErased' || patientId === undefined) return;
    const ctx = policyContext('consultations.on-patient-erased', event, deps.clock.now());
    for (const encounterId of await deps.references.encountersOf(patientId)) {
      const result = await handleEncounterCommand(deps)(encounterId, { type: 'EraseDetails', patientId }, ctx);
      if (E.isLeft(result)) throw new Error(`could not erase the details of encounter ${encounterId}: ${result.left.code}`);
    }
  };
