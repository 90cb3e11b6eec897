import type { Clock, EventStore, IdGenerator } from '@hcms/shared-kernel';

export type KnownPatientStatus = 'active' | 'inactive' | 'deceased';

/**
 * What Appointments knows of patients, learned from Patients' events on the bus and kept in its
 * own reference data: never a synchronous call to the Patients service.
 */
export interface PatientDirectory {
  statusOf(patientId: string): Promise<KnownPatientStatus | undefined>;
  /** The patient's appointments still to come (for policies). */
  upcomingAppointmentsOf(patientId: string, after: string): Promise<readonly string[]>;
  /** Every appointment of the patient, whatever its status. */
  appointmentsOf(patientId: string): Promise<readonly string[]>;
}

export interface AppointmentsDeps {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly patients: PatientDirectory;
}
