import type { Clock, EventStore, IdGenerator, Units } from '@hcms/shared-kernel';
import type { Icd10Cm } from '../domain/coding/icd10cm.js';
import type { AllergyFacts, AppointmentFacts, Digest, PatientStanding } from '../domain/encounter/encounter.commands.js';

export type { Units } from '@hcms/shared-kernel';

/** What this context knows of other contexts, from their events (read models it keeps). */
export interface ClinicalReferences {
  /** 'behind' when the read model has not caught up with what the log already says of the patient. */
  standingOf(patientId: string): Promise<PatientStanding | 'behind'>;
  /** The appointment, undefined when unknown; 'behind' as above, for the patient it names. */
  appointment(appointmentId: string, patientId: string): Promise<AppointmentFacts | undefined | 'behind'>;
  /** The patient's active allergies, up to date with everything Patients recorded before now, or why not. */
  activeAllergiesOf(patientId: string): Promise<AllergyFacts>;
  /** Every encounter of the patient, from this context's own read model. */
  encountersOf(patientId: string): Promise<readonly string[]>;
}

/** The laboratory's catalogue, as this context orders from it. */
export interface LabTests {
  /** The test's name, or undefined when the laboratory has no such test. */
  nameOf(code: string): Promise<string | undefined>;
}

export interface ConsultationsDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly codes: Icd10Cm;
  readonly units: Units;
  readonly digest: Digest;
  readonly references: ClinicalReferences;
  readonly labTests: LabTests;
  /** The one encounter an appointment may have: its id, derived from the appointment's. */
  readonly encounterIdFor: (appointmentId: string) => string;
}
