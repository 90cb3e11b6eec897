/**
 * What the Consultations context publishes (`consultations.<type>`). Other contexts and read models
 * import this file only. Stream of an encounter: `consultation-<encounterId>`.
 */
import { ERASED_TEXT, type EventCodec, type PersonalDataPolicy } from '@hcms/shared-kernel';
import { EncounterEvent } from './domain/encounter/encounter.events.js';

export * from './domain/encounter/encounter.events.js';
export {
  evolve as evolveEncounter,
  initialState as noEncounter,
  type EncounterState,
  type EncounterRecord,
} from './domain/encounter/encounter.state.js';
export { signedContent, canonicalJson, CONTENT_FORMAT } from './domain/encounter/encounter.content.js';
export { NOTE_SECTIONS, type NoteSection } from './domain/encounter/encounter.values.js';

export const CONSULTATIONS_CONTEXT = 'consultations';

export const encounterStream = (encounterId: string): string => `consultation-${encounterId}`;

export const encounterEvents: EventCodec<EncounterEvent> = { context: CONSULTATIONS_CONTEXT, codec: EncounterEvent, schemaVersion: 1 };

/** The personal data in Consultations events: what the clinician wrote in their own words. */
export const consultationsPersonalData: PersonalDataPolicy = {
  'consultations.EncounterOpened': { reasonForVisit: ERASED_TEXT },
  'consultations.NoteSectionWritten': { text: ERASED_TEXT },
  'consultations.PlanItemAdded': { description: ERASED_TEXT },
  'consultations.LabOrdered': { note: ERASED_TEXT },
  'consultations.PrescriptionDiscontinued': { reason: ERASED_TEXT },
  'consultations.AddendumAppended': { text: ERASED_TEXT },
  'consultations.EncounterAmended': { reason: ERASED_TEXT, sections: {} },
  // The check names the patient's allergies in their own words, and the prescriber's reason.
  'consultations.MedicationPrescribed': { allergyCheck: { status: 'erased' } },
  'consultations.EncounterEnteredInError': { reason: ERASED_TEXT },
};
