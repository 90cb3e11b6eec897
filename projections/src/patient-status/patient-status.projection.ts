import { documentPerStream, type Projection } from '../runner/projection.js';

/** Appointments' reference data on patients: only whether they may still be booked. */
export interface PatientStatusDoc {
  readonly status: 'active' | 'inactive' | 'deceased';
}

const STATUS: Readonly<Record<string, PatientStatusDoc['status']>> = {
  'patients.PatientRegistered': 'active',
  'patients.PatientReactivated': 'active',
  'patients.PatientDeactivated': 'inactive',
  'patients.PatientDied': 'deceased',
};

export const patientStatusProjection: Projection<PatientStatusDoc> = {
  name: 'appointments-patient-status',
  indexes: [],
  documentOf: documentPerStream('patient-'),
  evolve: (doc, event) => {
    const status = STATUS[event.type];
    if (doc?.status === 'deceased') return doc;
    return status ? { status } : doc;
  },
};
