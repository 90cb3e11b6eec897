import * as E from 'fp-ts/lib/Either.js';
import { policyContext, toDomainEvent, type NonEmptyText, type StoredEvent } from '@hcms/shared-kernel';
import { encounterEvents } from '@hcms/consultations/contract';
import type { Icd10Code } from '../domain/patient/patient.values.js';
import { handlePatientCommand } from './patient-command.handler.js';
import type { PatientsDeps } from './patients.deps.js';

export const SIGNED_PROBLEM_TOPICS = ['consultations.EncounterSigned'];

/** Refusals that leave the history as it should be: the entry is there already, or the record takes no more changes. */
const SETTLED = new Set(['HISTORY_ENTRY_EXISTS', 'PATIENT_INACTIVE', 'PATIENT_DECEASED', 'PATIENT_ERASED']);

const MAX_CONDITION = 200;
const condition = (title: string): NonEmptyText =>
  ([...title].length <= MAX_CONDITION ? title : `${[...title].slice(0, MAX_CONDITION - 1).join('')}…`) as NonEmptyText;

/**
 * The diagnoses a clinician put on the problem list become active entries of the patient's medical
 * history once the encounter is signed (a draft's never do), each under the id the encounter chose:
 * a redelivery finds it there.
 */
export const addSignedProblems =
  (deps: PatientsDeps) =>
  async (stored: StoredEvent): Promise<void> => {
    const event = toDomainEvent(encounterEvents, stored);
    const patientId = stored.metadata.patientId;
    if (event.type !== 'EncounterSigned' || patientId === undefined) return;
    const ctx = policyContext('patients.on-encounter-signed', stored, deps.clock.now());
    for (const { entryId, code, title, onsetDate } of event.data.problems) {
      const result = await handlePatientCommand(deps)(
        patientId,
        { type: 'AddMedicalHistoryEntry', entryId, condition: condition(title), icd10Code: code as Icd10Code, status: 'active', onsetDate },
        ctx,
      );
      if (E.isLeft(result) && !SETTLED.has(result.left.code))
        throw new Error(`could not add history entry ${entryId}: ${result.left.code}`);
    }
  };
