import { documentPerStream, type Projection } from '../runner/projection.js';

/** Appointments' reference data on patients: only whether they may still be booked. */
export interface PatientStatusDoc {
  readonly status: 'active' | 'inactive' | 'deceased';
  readonly erased?: true;
}

const STATUS: Readonly<Record<string, PatientStatusDoc['status']>> = {
  'patients.PatientRegistered': 'active',
  'patients.PatientReactivated': 'active',
  'patients.PatientDeactivated': 'inactive',
  'patients.PatientDied': 'deceased',
  // An erased record can never be active again: nothing more is booked for it.
  'patients.PatientErased': 'inactive',
};

export const patientStatusProjection: Projection<PatientStatusDoc> = {
  name: 'appointments-patient-status',
  indexes: [],
  documentOf: documentPerStream('patient-'),
  evolve: (doc, event) => {
    const status = STATUS[event.type];
    if (doc?.status === 'deceased' || doc?.erased) return doc;
    if (event.type === 'patients.PatientErased') return { status: 'inactive', erased: true };
    return status ? { status } : doc;
  },
};
